package org.ilsafety.fault;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.ilsafety.common.events.Topics;
import org.ilsafety.stack.EmbeddedDatabase;
import org.ilsafety.stack.Infrastructure;
import org.ilsafety.stack.KafkaClients;
import org.ilsafety.stack.ServiceDatabase;
import org.ilsafety.stack.SuiteService;

/** Reads the suite's state from outside: consumer lag, outbox backlog, what each service applied. */
final class SuiteProbe {
    /** The topics each service consumes, by consumer group (= service name). */
    static final Map<String, List<String>> CONSUMED = Map.of(
            "dosing-service", List.of(Topics.PATIENT_EVENTS, Topics.MONITORING_EVENTS),
            "monitoring-service", List.of(Topics.PATIENT_EVENTS, Topics.THERAPY_PLAN_EVENTS),
            "interaction-service", List.of(Topics.PATIENT_EVENTS, Topics.THERAPY_PLAN_EVENTS));

    private final Infrastructure infrastructure;

    SuiteProbe(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** Waits until every group has consumed every topic it reads and no outbox holds an event. */
    Duration awaitQuiet(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int quietChecks = 0;
        while (System.nanoTime() < deadline) {
            boolean quiet;
            try {
                quiet = totalLag() == 0 && pendingOutbox() == 0;
            } catch (RuntimeException e) {
                quiet = false; // broker or database still coming back
            }
            quietChecks = quiet ? quietChecks + 1 : 0;
            if (quietChecks >= 3) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("The suite did not catch up within " + timeout + " (lag " + totalLag() + ")");
    }

    long totalLag() {
        try (Admin admin = admin()) {
            long lag = 0;
            for (Map.Entry<String, List<String>> group : CONSUMED.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                for (Map.Entry<TopicPartition, Long> end : endOffsets(admin, group.getValue()).entrySet()) {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    lag += end.getValue() - (offset == null ? 0 : offset.offset());
                }
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("Lag unavailable", e);
        }
    }

    /**
     * Moves every group back to the beginning of every topic it reads. The groups must be empty: a
     * stopped service's consumers may take a few seconds to leave, so this waits for that.
     */
    void resetOffsetsToBeginning() throws Exception {
        try (Admin admin = admin()) {
            for (Map.Entry<String, List<String>> group : CONSUMED.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
                endOffsets(admin, group.getValue()).keySet().forEach(tp -> beginning.put(tp, new OffsetAndMetadata(0)));
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (true) {
                    try {
                        admin.alterConsumerGroupOffsets(group.getKey(), beginning).all().get(60, TimeUnit.SECONDS);
                        break;
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (System.nanoTime() > deadline) {
                            throw e;
                        }
                        Thread.sleep(2_000); // members still leaving the group
                    }
                }
            }
        }
    }

    long pendingOutbox() {
        long pending = 0;
        try (Connection connection = connect()) {
            for (SuiteService service : SuiteService.ALL) {
                try (ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT count(*) FROM " + schema(service.name()) + ".outbox_event")) {
                    rows.next();
                    pending += rows.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Outbox unavailable", e);
        }
        return pending;
    }

    /** The APPLIED idempotency keys of this plan in one service, in the order the service applied them. */
    List<String> appliedKeys(String service, String prefix) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT idempotency_key FROM " + schema(service) + ".processed_event "
                        + "WHERE outcome = 'APPLIED' AND idempotency_key LIKE ? ORDER BY applied_seq")) {
            query.setString(1, "%/" + prefix + "-%");
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        }
    }

    /** Pairs of consecutive events of one patient that were applied out of their sending order. */
    static int orderViolations(List<String> appliedInOrder) {
        Map<String, Integer> lastSequence = new HashMap<>();
        int violations = 0;
        for (String key : appliedInOrder) {
            String patient = EventPlan.patientOf(key);
            int sequence = EventPlan.sequenceOf(key);
            Integer previous = lastSequence.put(patient, sequence);
            if (previous != null && previous > sequence) {
                violations++;
            }
        }
        return violations;
    }

    /** Records of a topic matching a filter, read from the beginning until the topic is quiet. */
    List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> match) {
        Properties config = KafkaClients.reader(infrastructure.bootstrapServers());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config); Admin admin = admin()) {
            Map<TopicPartition, Long> end = endOffsets(admin, List.of(topic));
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (match.test(record)) {
                        found.add(record);
                    }
                });
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not read " + topic, e);
        }
        return found;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Effects applied twice, seen from outside: the same outbound payload for the same patient published
     * under two different event ids. (A relay re-send after a crash repeats the event id and is not counted.)
     */
    static int duplicatedEffects(Collection<ConsumerRecord<String, String>> outbound) {
        Map<String, Long> distinctIdsPerPayload = outbound.stream().collect(Collectors.groupingBy(
                r -> r.key() + "\u0000" + r.value(),
                Collectors.mapping(r -> header(r, "ce_id"), Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
        return (int) distinctIdsPerPayload.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> end = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet()) {
            end.put(e.getKey(), e.getValue().offset());
        }
        return end;
    }

    private Admin admin() {
        Properties config = KafkaClients.admin(infrastructure.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(config);
    }

    /** Raises every suite topic to {@code partitions} partitions (Kafka adds partitions; it never removes them). */
    void raisePartitions(int partitions) {
        try (Admin admin = admin()) {
            Map<String, org.apache.kafka.clients.admin.NewPartitions> raise = new HashMap<>();
            Topics.all().forEach(topic -> raise.put(topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(partitions)));
            admin.createPartitions(raise).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not raise the partitions", e);
        }
    }

    /**
     * The replica ({@code application_name}) whose transaction holds an advisory lock in {@code service}'s database
     * sessions, if one does now: for monitoring-service that is the outbox relay's lock (its only advisory lock).
     */
    java.util.Optional<String> advisoryLockHolder(String service) {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                        + "WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE ? LIMIT 1")) {
            query.setString(1, service + "%");
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? java.util.Optional.of(rows.getString(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(infrastructure.jdbcUrl().orElseThrow(), EmbeddedDatabase.SUPERUSER,
                infrastructure.embeddedDatabase().orElseThrow().password(EmbeddedDatabase.SUPERUSER));
    }

    static String schema(String service) {
        return ServiceDatabase.forService(service).schema();
    }

}
