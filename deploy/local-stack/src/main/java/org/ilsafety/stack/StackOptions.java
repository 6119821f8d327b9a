package org.ilsafety.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the local stack runs. Embedded PostgreSQL and Kafka are started unless the usual Quarkus
 * variables name existing ones ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code QUARKUS_DATASOURCE_JDBC_URL}
 * with {@code QUARKUS_DATASOURCE_USERNAME} and {@code QUARKUS_DATASOURCE_PASSWORD}).
 */
public record StackOptions(
        Path home,
        Path dataDirectory,
        boolean keepData,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        Map<String, Integer> servicePorts,
        int mllpPort,
        boolean loadDemoPatients,
        Optional<String> externalKafka,
        Optional<ExternalDatabase> externalDatabase,
        int brokers,
        int replicas) {

    public StackOptions {
        if (brokers < 1 || replicas < 1) {
            throw new IllegalArgumentException("--brokers and --replicas must be at least 1");
        }
    }

    public record ExternalDatabase(String jdbcUrl, String username, String password) {
    }

    /** The defaults of the run command: fixed ports, data kept in {@code .suite-data/}. */
    public static StackOptions defaults(Path home, Map<String, String> env) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        SuiteService.STARTED.forEach(s -> ports.put(s.name(), s.defaultPort()));
        Optional<ExternalDatabase> database = Optional.ofNullable(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
                .map(url -> new ExternalDatabase(url, env.getOrDefault("QUARKUS_DATASOURCE_USERNAME", ""),
                        env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "")));
        return new StackOptions(home, home.resolve(".suite-data"), true, 55432, 9092, 9093, ports, SuiteService.HL7_MLLP_PORT, false,
                Optional.ofNullable(env.get("KAFKA_BOOTSTRAP_SERVERS")), database, 1, 1);
    }

    /** Free ports and a throw-away data folder, for tests that run beside a running suite. */
    public static StackOptions isolated(Path home, Path dataDirectory) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        SuiteService.STARTED.forEach(s -> ports.put(s.name(), FreePorts.next()));
        return new StackOptions(home, dataDirectory, false, FreePorts.next(), FreePorts.next(), FreePorts.next(), ports, FreePorts.next(), false,
                Optional.empty(), Optional.empty(), 1, 1);
    }

    /**
     * The same, with an embedded Kafka cluster of {@code brokers} nodes and {@code replicas} processes of each of the three
     * services, one consumer group per service (the HL7 v2 gateway, which owns one MLLP port, stays single).
     */
    public StackOptions withCluster(int brokers, int replicas) {
        return new StackOptions(home, dataDirectory, keepData, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, mllpPort,
                loadDemoPatients, externalKafka, externalDatabase, brokers, replicas);
    }
}
