package org.ilsafety.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ilsafety.stack.security.KafkaCredentials;
import org.ilsafety.stack.security.PasswordFile;

/**
 * One real Kafka node in KRaft mode (combined broker and controller; {@link KafkaCluster} runs one or several), started from the
 * Kafka jars as a child process: its Scala and Jackson jars stay off every service classpath. Clients
 * authenticate with SASL/SCRAM ({@link KafkaCredentials}) and the StandardAuthorizer applies the ACLs
 * {@link KafkaAccess} creates; there is no unauthenticated listener. The controller listener accepts only
 * the broker itself (SASL/PLAIN with a generated password).
 */
public final class KafkaBroker implements AutoCloseable {
    private final ChildProcess process;
    private final int port;
    private final KafkaCredentials credentials;

    private KafkaBroker(ChildProcess process, int port, KafkaCredentials credentials) {
        this.process = process;
        this.port = port;
        this.credentials = credentials;
    }

    /** The folder holding the broker jars; see deploy/kafka-broker. */
    public static Path libraryDirectory() {
        String configured = System.getProperty("suite.kafka.lib", System.getenv("SUITE_KAFKA_LIB"));
        Path lib = configured != null ? Path.of(configured) : Path.of("deploy", "kafka-broker", "target", "lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Kafka broker jars not found in " + lib.toAbsolutePath()
                    + "; build the project first (mvn package) or set suite.kafka.lib");
        }
        return lib;
    }

    /** One node of a KRaft cluster: its id, client port and controller port. */
    public record Node(int id, int port, int controllerPort) {
    }

    /**
     * Starts one node of the cluster {@code nodes} (each a combined broker and controller) without waiting: a
     * node of a multi-node cluster is ready only once a quorum of controllers runs. Storage is formatted on
     * the first start with {@code clusterId}.
     */
    static KafkaBroker launch(Path dataDirectory, Node node, List<Node> nodes, String clusterId, KafkaCredentials credentials) {
        try {
            Files.createDirectories(dataDirectory);
            Path config = writeConfig(dataDirectory, node, nodes, credentials);
            String classpath = libraryDirectory().toAbsolutePath() + "/*";
            Path log = dataDirectory.resolve("broker.log");
            if (!Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
                run(List.of(ChildProcess.javaExecutable(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                        "-t", clusterId, "-c", config.toString(), "--ignore-formatted",
                        // the super user's SCRAM credentials must exist before the broker serves anyone
                        "--add-scram", KafkaCredentials.MECHANISM + "=[name=" + KafkaCredentials.ADMIN + ",password="
                                + credentials.password(KafkaCredentials.ADMIN) + "]"), log);
            }
            ChildProcess broker = ChildProcess.start(nodes.size() == 1 ? "kafka" : "kafka-" + node.id(), List.of(ChildProcess.javaExecutable(),
                    "-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true", "-cp", classpath, "kafka.Kafka", config.toString()),
                    Map.of(), log);
            return new KafkaBroker(broker, node.port(), credentials);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster id a formatted node holds in {@code logs/meta.properties}, else a new one. */
    static String clusterIdOf(Path dataDirectory) {
        Path meta = dataDirectory.resolve("logs").resolve("meta.properties");
        if (Files.exists(meta)) {
            try (java.io.Reader reader = Files.newBufferedReader(meta)) {
                Properties properties = new Properties();
                properties.load(reader);
                String id = properties.getProperty("cluster.id");
                if (id != null && !id.isBlank()) {
                    return id;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return clusterId();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; see " + process.log());
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
                sleep(250);
            }
        }
        process.close();
        throw new IllegalStateException("Kafka broker not ready after " + timeout + "; see " + process.log());
    }

    private Admin admin() {
        Properties config = credentials.admin(bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000);
        return Admin.create(config);
    }

    private static Path writeConfig(Path dataDirectory, Node node, List<Node> nodes, KafkaCredentials credentials) throws IOException {
        String controllerPassword = credentials.password(KafkaCredentials.CONTROLLER);
        String voters = nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort()).collect(java.util.stream.Collectors.joining(","));
        // One node: every topic has one replica. Three or more: replication factor 3 and min.insync.replicas 2, so an
        // acks=all write survives the loss of any one broker.
        int replicas = Math.min(3, nodes.size());
        int minInSync = replicas >= 3 ? 2 : 1;
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + node.id(),
                "controller.quorum.voters=" + voters,
                "listeners=CLIENTS://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort(),
                "advertised.listeners=CLIENTS://127.0.0.1:" + node.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=CLIENTS",
                "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENTS:SASL_PLAINTEXT",
                "sasl.mechanism.inter.broker.protocol=" + KafkaCredentials.MECHANISM,
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.clients.sasl.enabled.mechanisms=" + KafkaCredentials.MECHANISM,
                "listener.name.clients." + KafkaCredentials.MECHANISM.toLowerCase() + ".sasl.jaas.config="
                        + credentials.jaas(KafkaCredentials.ADMIN),
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"" + KafkaCredentials.CONTROLLER + "\" password=\"" + controllerPassword + "\" user_"
                        + KafkaCredentials.CONTROLLER + "=\"" + controllerPassword + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + KafkaCredentials.ADMIN + ";User:" + KafkaCredentials.CONTROLLER,
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + dataDirectory.resolve("logs").toAbsolutePath(),
                "num.partitions=4",
                "auto.create.topics.enable=false",
                "default.replication.factor=" + replicas,
                "min.insync.replicas=" + minInSync,
                "offsets.topic.replication.factor=" + replicas,
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + minInSync,
                "share.coordinator.state.topic.replication.factor=" + replicas,
                "share.coordinator.state.topic.min.isr=" + minInSync,
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
        Path file = dataDirectory.resolve("server.properties");
        PasswordFile.writeOwnerOnly(file, writer -> writer.write(config));
        return file;
    }

    /**
     * A Kafka cluster id: 16 random bytes in URL-safe base64 without padding. Like Kafka's own
     * Uuid.randomUuid, never one starting with '-', which the storage tool would read as an option.
     */
    static String clusterId() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static void run(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Formatting Kafka storage failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
