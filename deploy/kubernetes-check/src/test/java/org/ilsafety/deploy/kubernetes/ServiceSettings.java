package org.ilsafety.deploy.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a service reads: the keys of its application.properties and of the shared defaults in common/, each
 * also in its environment-variable form (MicroProfile Config: upper case, every other character an underscore).
 */
final class ServiceSettings {
    /** Settings read by the frameworks or the image rather than named in a properties file, each with its reader. */
    private static final Map<String, String> FRAMEWORK = Map.of(
            "SMALLRYE_JWT_PATH_GROUPS", "SmallRye JWT: where the roles are in the token",
            "MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_HEALTH_READINESS_ENABLED", "SmallRye Reactive Messaging: connector-wide channel attribute",
            "JAVA_OPTS", "src/main/docker/Dockerfile.jvm: the java command line",
            "SUITE_PSEUDONYM_KEY", "common's Pseudonymizer (suite.pseudonym.key), required in production mode");
    /** Map-valued settings (a name in the middle): CdsHooksSettings' clients. */
    private static final Map<String, Pattern> MAPPED = Map.of(
            "interaction-service", Pattern.compile("SUITE_CDS_HOOKS_CLIENTS_[A-Z0-9]+_(ISSUER|PUBLIC_KEY_LOCATION|JWKS_URL)"));

    final String service;
    final Properties properties = new Properties();
    private final Set<String> environmentNames = new HashSet<>();

    ServiceSettings(Path home, String service) {
        this.service = service;
        Properties shared = load(home.resolve("common/src/main/resources/META-INF/microprofile-config.properties"));
        properties.putAll(shared);
        properties.putAll(load(home.resolve(service).resolve("src/main/resources/application.properties")));
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                environmentNames.add(environmentName(key));
            }
        }
    }

    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Why the service reads this environment variable, or empty if it reads no such setting. */
    Optional<String> reader(String variable) {
        if (environmentNames.contains(variable)) {
            return Optional.of("a key of " + service + "'s configuration");
        }
        if (variable.startsWith("KAFKA_")) {
            return Optional.of("kafka.* (every Kafka client property, consumers and outbox relay)");
        }
        if (FRAMEWORK.containsKey(variable)) {
            return Optional.of(FRAMEWORK.get(variable));
        }
        Pattern mapped = MAPPED.get(service);
        if (mapped != null && mapped.matcher(variable).matches()) {
            return Optional.of("a map-valued key of " + service);
        }
        return Optional.empty();
    }

    /** The value of a key as the pod sees it: its environment first, then the service's properties. */
    Optional<String> value(String key, Map<String, String> environment) {
        String fromEnvironment = environment.get(environmentName(key));
        return Optional.ofNullable(fromEnvironment != null ? fromEnvironment : properties.getProperty(key));
    }

    /** Incoming channel name to topic. */
    Map<String, String> incomingChannels() {
        Map<String, String> channels = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                channels.put(key.substring("mp.messaging.incoming.".length(), key.length() - ".topic".length()), properties.getProperty(key));
            }
        }
        return channels;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
