package org.ilsafety.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.ilsafety.common.events.Topics;
import org.ilsafety.stack.security.KafkaAccess;
import org.ilsafety.stack.security.KafkaCredentials;
import org.ilsafety.stack.security.LocalIdentityProvider;
import org.ilsafety.stack.security.PasswordFile;

/**
 * PostgreSQL and Kafka for the suite: the real servers, started side by side, with the database,
 * each service's role and schema, and the topics created. An existing Kafka is used instead of the
 * embedded broker when one is named (its topics are still created when missing). Shared by the run
 * command and every test.
 */
public final class Infrastructure implements AutoCloseable {
    public static final int PARTITIONS = 4;
    public static final String SUITE_SECRETS_FILE = "suite-secrets.properties";

    private final Path dataDirectory;
    private volatile Optional<EmbeddedDatabase> database;
    private final Optional<KafkaCluster> embeddedKafka;
    private final String bootstrapServers;
    private final LocalIdentityProvider identityProvider;
    private final KafkaCredentials kafkaCredentials;

    private Infrastructure(Path dataDirectory, Optional<EmbeddedDatabase> database,
            Optional<KafkaCluster> embeddedKafka, String bootstrapServers, KafkaCredentials kafkaCredentials) {
        this.dataDirectory = dataDirectory;
        this.database = database;
        this.embeddedKafka = embeddedKafka;
        this.bootstrapServers = bootstrapServers;
        this.identityProvider = LocalIdentityProvider.inDirectory(dataDirectory.resolve("security"));
        this.kafkaCredentials = kafkaCredentials;
    }

    /**
     * The embedded PostgreSQL unless {@code embedDatabase} is false (an existing server is used), and the
     * embedded Kafka unless {@code externalKafka} names one: a KRaft cluster of {@code brokers} nodes (3: replication
     * factor 3, min.insync.replicas 2).
     */
    public static Infrastructure start(Path dataDirectory, boolean keepData, int postgresPort, int kafkaPort, int controllerPort,
            int brokers, Optional<String> externalKafka, boolean embedDatabase) {
        KafkaCredentials credentials = KafkaCredentials.inDirectory(dataDirectory.resolve("security"));
        CompletableFuture<Optional<EmbeddedDatabase>> database = CompletableFuture.supplyAsync(() -> embedDatabase
                ? Optional.of(EmbeddedDatabase.start(postgresPort, dataDirectory.resolve("postgres"), keepData,
                        PasswordFile.at(dataDirectory.resolve("security").resolve(EmbeddedDatabase.PASSWORDS_FILE),
                                "PostgreSQL passwords of the local suite's roles")))
                : Optional.empty());
        CompletableFuture<Optional<KafkaCluster>> kafka = CompletableFuture.supplyAsync(() -> externalKafka.isPresent()
                ? Optional.empty()
                : Optional.of(KafkaCluster.start(dataDirectory, brokers, kafkaPort, controllerPort, credentials)));
        try {
            Optional<KafkaCluster> broker = kafka.join();
            Infrastructure infrastructure = new Infrastructure(dataDirectory, database.join(), broker,
                    externalKafka.orElseGet(() -> broker.orElseThrow().bootstrapServers()), credentials);
            infrastructure.database.ifPresent(db -> SuiteService.STARTED.forEach(s -> db.prepare(ServiceDatabase.forService(s.name()))));
            if (broker.isPresent()) {
                infrastructure.kafkaCredentials.register(infrastructure.bootstrapServers);
            }
            KafkaTopics.create(infrastructure.bootstrapServers, Topics.all(), PARTITIONS);
            if (broker.isPresent()) {
                KafkaAccess.apply(infrastructure.bootstrapServers, infrastructure.kafkaCredentials);
            }
            return infrastructure;
        } catch (RuntimeException e) {
            database.thenAccept(db -> db.ifPresent(EmbeddedDatabase::close));
            kafka.thenAccept(broker -> broker.ifPresent(KafkaCluster::close));
            throw e;
        }
    }

    /** Test infrastructure: free ports, a temporary folder, nothing kept. */
    public static Infrastructure startIsolated(Path dataDirectory) {
        return start(dataDirectory, false, FreePorts.next(), FreePorts.next(), FreePorts.next(), 1, Optional.empty(), true);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The embedded server's JDBC URL; empty when an existing PostgreSQL is used. */
    public Optional<String> jdbcUrl() {
        return database.map(EmbeddedDatabase::jdbcUrl);
    }

    public Optional<EmbeddedDatabase> embeddedDatabase() {
        return database;
    }

    public Optional<KafkaCluster> embeddedKafka() {
        return embeddedKafka;
    }

    /** The stand-in identity provider whose tokens the services started on this infrastructure trust. */
    public LocalIdentityProvider identityProvider() {
        return identityProvider;
    }

    /**
     * The Kafka client settings of {@code principal} on the embedded broker ({@code kafka.security.protocol},
     * {@code kafka.sasl.mechanism}, {@code kafka.sasl.jaas.config}); none for a broker the suite did not start.
     */
    public Map<String, String> kafkaConfigFor(String principal) {
        Map<String, String> config = new HashMap<>();
        if (embeddedKafka.isPresent()) {
            kafkaCredentials.clientSecurity(principal).forEach((key, value) -> config.put("kafka." + key, value.toString()));
        }
        return config;
    }

    /**
     * The services' shared pseudonym key: random, generated on the first start and kept in
     * {@code security/suite-secrets.properties} (owner-only), so pseudonyms stay the same across restarts.
     */
    public String pseudonymKey() {
        return PasswordFile.at(dataDirectory.resolve("security").resolve(SUITE_SECRETS_FILE), "Secrets shared by the local suite's services")
                .password("pseudonym-key");
    }

    /** The credentials of the embedded broker's principals. */
    public KafkaCredentials kafkaCredentials() {
        return kafkaCredentials;
    }

    /**
     * The Quarkus configuration that points a service at this infrastructure; on the embedded broker the
     * service authenticates as the {@link org.ilsafety.stack.security.KafkaPrincipal} of its name.
     */
    public Map<String, String> quarkusConfigFor(String service) {
        Map<String, String> config = new HashMap<>();
        database.ifPresent(db -> {
            ServiceDatabase own = ServiceDatabase.forService(service);
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.username", own.user());
            config.put("quarkus.datasource.password", db.password(own.user()));
            // the migrations run as the schema's owner; the service itself only reads and writes rows
            config.put("quarkus.flyway.username", own.owner());
            config.put("quarkus.flyway.password", db.password(own.owner()));
        });
        config.put("kafka.bootstrap.servers", bootstrapServers());
        config.putAll(kafkaConfigFor(service));
        config.put("suite.pseudonym.key", pseudonymKey());
        config.putAll(identityProvider.quarkusConfig());
        return config;
    }

    /** Stops the embedded broker (SIGTERM; node 1 of a cluster) and starts it again on the same ports and data; for fault tests. */
    public void restartKafka(java.time.Duration downtime) {
        embeddedKafka.orElseThrow(() -> new IllegalStateException("No embedded broker to restart")).restart(1, downtime);
    }

    /** Stops the embedded PostgreSQL and starts it again on the same port, keeping its data; for fault tests. */
    public void restartDatabase(java.time.Duration downtime) {
        EmbeddedDatabase running = database.orElseThrow(() -> new IllegalStateException("No embedded database to restart"));
        running.stopKeepingData();
        sleep(downtime);
        database = Optional.of(running.startAgain());
    }

    /** {@code kill -9} of the embedded broker (node 1 of a cluster), then started again on the same ports and data; for fault tests. */
    public void crashKafka(java.time.Duration downtime) {
        embeddedKafka.orElseThrow(() -> new IllegalStateException("No embedded broker to crash")).crash(1, downtime);
    }

    /** {@code kill -9} of PostgreSQL (postmaster and server processes), then started again with crash recovery; for fault tests. */
    public void crashDatabase(java.time.Duration downtime) {
        EmbeddedDatabase running = database.orElseThrow(() -> new IllegalStateException("No embedded database to crash"));
        running.crash();
        sleep(downtime);
        database = Optional.of(running.startAgain());
    }

    private static void sleep(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        embeddedKafka.ifPresent(KafkaCluster::close);
        database.ifPresent(EmbeddedDatabase::close);
    }
}
