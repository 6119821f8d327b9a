package org.ilsafety.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.ilsafety.stack.security.KafkaCredentials;

/**
 * The embedded Kafka: one node, or a KRaft cluster of several (each a combined broker and controller, its own
 * process, log directories and ports). With three nodes or more, topics have three replicas and
 * {@code min.insync.replicas=2}. Node 1 keeps its data in {@code kafka/}, as a single node always did; node k
 * in {@code kafka-node-k/}.
 */
public final class KafkaCluster implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(120);

    private final Path dataDirectory;
    private final List<KafkaBroker.Node> nodes;
    private final KafkaCredentials credentials;
    private final List<KafkaBroker> running;

    private KafkaCluster(Path dataDirectory, List<KafkaBroker.Node> nodes, KafkaCredentials credentials, List<KafkaBroker> running) {
        this.dataDirectory = dataDirectory;
        this.nodes = nodes;
        this.credentials = credentials;
        this.running = new CopyOnWriteArrayList<>(running);
    }

    /**
     * Starts {@code size} nodes: the first on {@code port} and {@code controllerPort}, the others on free ports, and
     * waits until every one serves clients.
     */
    public static KafkaCluster start(Path dataDirectory, int size, int port, int controllerPort, KafkaCredentials credentials) {
        if (size < 1) {
            throw new IllegalArgumentException("A Kafka cluster needs at least one broker");
        }
        List<KafkaBroker.Node> nodes = new ArrayList<>();
        nodes.add(new KafkaBroker.Node(1, port, controllerPort));
        for (int id = 2; id <= size; id++) {
            nodes.add(new KafkaBroker.Node(id, FreePorts.next(), FreePorts.next()));
        }
        String clusterId = KafkaBroker.clusterIdOf(directory(dataDirectory, 1));
        List<KafkaBroker> brokers = new ArrayList<>();
        try {
            for (KafkaBroker.Node node : nodes) {
                brokers.add(KafkaBroker.launch(directory(dataDirectory, node.id()), node, nodes, clusterId, credentials));
            }
            CompletableFuture.allOf(brokers.stream().map(b -> CompletableFuture.runAsync(() -> b.awaitReady(READY)))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            brokers.forEach(KafkaBroker::close);
            throw e;
        }
        return new KafkaCluster(dataDirectory, List.copyOf(nodes), credentials, brokers);
    }

    private static Path directory(Path dataDirectory, int nodeId) {
        return dataDirectory.resolve(nodeId == 1 ? "kafka" : "kafka-node-" + nodeId);
    }

    public int size() {
        return nodes.size();
    }

    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    /** The process of node {@code nodeId} (1-based). */
    public ChildProcess process(int nodeId) {
        return running.get(nodeId - 1).process();
    }

    /** Graceful stop (SIGTERM) of one node, then started again on its ports and data after {@code downtime}. */
    public void restart(int nodeId, Duration downtime) {
        running.get(nodeId - 1).close();
        startAgain(nodeId, downtime);
    }

    /** {@code kill -9} of one node, then started again on its ports and data after {@code downtime}. */
    public void crash(int nodeId, Duration downtime) {
        running.get(nodeId - 1).process().kill();
        startAgain(nodeId, downtime);
    }

    private void startAgain(int nodeId, Duration downtime) {
        try {
            Thread.sleep(downtime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        KafkaBroker.Node node = nodes.get(nodeId - 1);
        KafkaBroker fresh = KafkaBroker.launch(directory(dataDirectory, nodeId), node, nodes, KafkaBroker.clusterIdOf(directory(dataDirectory, 1)),
                credentials);
        running.set(nodeId - 1, fresh);
        fresh.awaitReady(READY);
    }

    /** The node id leading {@code partition} of {@code topic}. */
    public int leaderOf(String topic, int partition) {
        try (Admin admin = Admin.create(credentials.admin(bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
            return topics.get(topic).partitions().get(partition).leader().id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe " + topic, e);
        }
    }

    @Override
    public void close() {
        running.parallelStream().forEach(KafkaBroker::close);
    }
}
