package org.ilsafety.stack.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
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
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Map<String, String> passwords;

    private KafkaCredentials(Path directory, Map<String, String> passwords) {
        this.directory = directory;
        this.passwords = passwords;
    }

    /** The credentials kept in {@code directory}, generated for whoever has none yet. */
    public static KafkaCredentials inDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(PASSWORDS_FILE);
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    stored.load(reader);
                }
            }
            Map<String, String> passwords = new LinkedHashMap<>();
            boolean added = false;
            for (String user : users()) {
                String password = stored.getProperty(user);
                if (password == null) {
                    password = generatePassword();
                    added = true;
                }
                passwords.put(user, password);
            }
            if (added) {
                Properties out = new Properties();
                out.putAll(passwords);
                writeOwnerOnly(file, writer -> out.store(writer, "Kafka SASL/SCRAM passwords of the local broker's principals"));
            }
            return new KafkaCredentials(directory, passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.List<String> users() {
        java.util.List<String> users = new java.util.ArrayList<>(java.util.List.of(ADMIN, CONTROLLER));
        KafkaPrincipal.ALL.forEach(p -> users.add(p.name()));
        return users;
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
        writeOwnerOnly(clientFile(user), writer -> writer.write(text.toString()));
    }

    private static String generatePassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public interface Content {
        void write(Writer writer) throws IOException;
    }

    /** Writes a secret: the file is created readable and writable by its owner only (0600). */
    public static void writeOwnerOnly(Path file, Content content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file)) {
                content.write(writer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
