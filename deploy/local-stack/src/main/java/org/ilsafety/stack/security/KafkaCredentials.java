package org.ilsafety.stack.security;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's SASL/SCRAM credentials: one generated password per {@link KafkaPrincipal}, for the
 * broker's super user {@code admin} (which creates topics, users and ACLs) and for the controller
 * listener, kept in {@code <data>/security/kafka-passwords.properties} (owner-only) so a kept broker
 * keeps accepting them. Each principal also gets a Kafka client properties file
 * {@code kafka-<principal>.properties}, usable with Kafka's console tools.
 *
 * <p>Tools and tests in the same JVM find the credentials of a broker by its bootstrap servers
 * ({@link #of(String)}), so a client built for those servers authenticates without further ado.
 */
public final class KafkaCredentials {
    public static final String MECHANISM = "SCRAM-SHA-256";
    public static final String PROTOCOL = "SASL_PLAINTEXT";
    /** The broker's super user: the run command creates topics, users and ACLs with it. */
    public static final String ADMIN = "admin";
    /** The controller listener's only user (SASL/PLAIN: SCRAM credentials live in the metadata the controller serves). */
    public static final String CONTROLLER = "controller";
    static final String PASSWORDS_FILE = "kafka-passwords.properties";
    private static final Map<String, KafkaCredentials> BY_BOOTSTRAP = new ConcurrentHashMap<>();

    private final Path directory;
    private final Map<String, String> passwords;

    private KafkaCredentials(Path directory, Map<String, String> passwords) {
        this.directory = directory;
        this.passwords = passwords;
    }

    /** The credentials kept in {@code directory}, generated for whoever has none yet. */
    public static KafkaCredentials inDirectory(Path directory) {
        PasswordFile file = PasswordFile.at(directory.resolve(PASSWORDS_FILE), "Kafka SASL passwords of the local broker's principals");
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(ADMIN, file.password(ADMIN));
        passwords.put(CONTROLLER, file.password(CONTROLLER));
        KafkaPrincipal.ALL.forEach(p -> passwords.put(p.name(), file.password(p.name())));
        return new KafkaCredentials(directory, passwords);
    }

    /** The credentials of the broker at {@code bootstrapServers}; empty for a broker the suite did not start. */
    public static Optional<KafkaCredentials> of(String bootstrapServers) {
        return Optional.ofNullable(BY_BOOTSTRAP.get(bootstrapServers));
    }

    /**
     * Makes these credentials the ones for {@code bootstrapServers} in this JVM and writes each principal's
     * client properties file; a test that drives a suite started by another process registers its folder.
     */
    public KafkaCredentials register(String bootstrapServers) {
        BY_BOOTSTRAP.put(bootstrapServers, this);
        for (String user : passwords.keySet()) {
            if (!CONTROLLER.equals(user)) {
                writeClientFile(user, bootstrapServers);
            }
        }
        return this;
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("No Kafka credentials for " + user);
        }
        return password;
    }

    /** security.protocol, sasl.mechanism and sasl.jaas.config of {@code user}. */
    public Properties clientSecurity(String user) {
        Properties config = new Properties();
        config.put("security.protocol", PROTOCOL);
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", jaas(user));
        return config;
    }

    /** An admin client's settings as the broker's super user, at {@code bootstrapServers}. */
    public Properties admin(String bootstrapServers) {
        Properties config = clientSecurity(ADMIN);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    public String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password(user) + "\";";
    }

    public Path clientFile(String user) {
        return directory.resolve("kafka-" + user + ".properties");
    }

    private void writeClientFile(String user, String bootstrapServers) {
        StringBuilder text = new StringBuilder("# Kafka client settings of the principal '" + user + "' of the local suite's broker.\n"
                + "# kafka-console-producer.sh --bootstrap-server " + bootstrapServers + " --producer.config " + clientFile(user).getFileName()
                + " --topic ...\n");
        text.append("bootstrap.servers=").append(bootstrapServers).append('\n');
        clientSecurity(user).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        KafkaPrincipal.ALL.stream().filter(p -> p.name().equals(user)).findFirst().flatMap(KafkaPrincipal::groupPrefix)
                .ifPresent(prefix -> text.append("# consumer groups must start with '").append(prefix).append("'\ngroup.id=")
                        .append(prefix).append("-console\n"));
        PasswordFile.writeOwnerOnly(clientFile(user), writer -> writer.write(text.toString()));
    }

}
