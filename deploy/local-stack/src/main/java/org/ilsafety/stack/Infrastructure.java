package org.ilsafety.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.ilsafety.common.events.Topics;

/**
 * PostgreSQL and Kafka for the suite: the real servers, started side by side, with the database,
 * each service's schema and the topics created. Shared by the run command and every test.
 */
public final class Infrastructure implements AutoCloseable {
    public static final int PARTITIONS = 4;

    private final EmbeddedDatabase database;
    private final KafkaBroker kafka;

    private Infrastructure(EmbeddedDatabase database, KafkaBroker kafka) {
        this.database = database;
        this.kafka = kafka;
    }

    public static Infrastructure start(Path dataDirectory, boolean keepData, int postgresPort, int kafkaPort, int controllerPort) {
        CompletableFuture<EmbeddedDatabase> database = CompletableFuture.supplyAsync(
                () -> EmbeddedDatabase.start(postgresPort, dataDirectory.resolve("postgres"), keepData));
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(dataDirectory.resolve("kafka"), kafkaPort, controllerPort));
        try {
            Infrastructure infrastructure = new Infrastructure(database.join(), kafka.join());
            SuiteService.ALL.forEach(s -> infrastructure.database.prepare(ServiceDatabase.forService(s.name())));
            infrastructure.kafka.createTopics(Topics.all(), PARTITIONS);
            return infrastructure;
        } catch (RuntimeException e) {
            database.thenAccept(EmbeddedDatabase::close);
            kafka.thenAccept(KafkaBroker::close);
            throw e;
        }
    }

    /** Test infrastructure: free ports, a temporary folder, nothing kept. */
    public static Infrastructure startIsolated(Path dataDirectory) {
        return start(dataDirectory, false, FreePorts.next(), FreePorts.next(), FreePorts.next());
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The Quarkus configuration that points a service at this infrastructure. */
    public Map<String, String> quarkusConfigFor(String service) {
        ServiceDatabase db = ServiceDatabase.forService(service);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.datasource.username", db.user());
        config.put("quarkus.datasource.password", db.password());
        config.put("kafka.bootstrap.servers", bootstrapServers());
        return config;
    }

    public List<String> topics() {
        return Topics.all();
    }

    @Override
    public void close() {
        kafka.close();
        database.close();
    }
}
