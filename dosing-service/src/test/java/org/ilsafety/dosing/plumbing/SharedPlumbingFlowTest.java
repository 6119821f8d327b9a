package org.ilsafety.dosing.plumbing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.inbox.InboundProcessor.Outcome;
import org.ilsafety.common.outbox.Outbox;
import org.ilsafety.common.outbox.OutboxRelay;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shared outbox relay and idempotent inbox of common/, exercised directly against the real
 * PostgreSQL and broker (common itself cannot host Quarkus tests: the test infrastructure depends on it).
 */
@QuarkusTest
class SharedPlumbingFlowTest {
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    InboundProcessor processor;
    @Inject
    EntityManager entityManager;

    /** A handler that counts what it applied, cannot read payloads saying "unreadable" and refuses those saying "reject". */
    static final class CountingHandler implements InboundHandler<String> {
        final AtomicInteger applied = new AtomicInteger();
        /** Calls to apply, rolled-back ones included. */
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public InboundEvent<String> parse(ConsumerRecord<String, String> record) {
            if (record.value().startsWith("unreadable")) {
                throw new EventRejected("TEST_UNREADABLE", "Not readable by the test handler");
            }
            return new InboundEvent<>("plumbing/" + record.value(), record.key(), "test", record.value());
        }

        @Override
        public void apply(InboundEvent<String> event) {
            attempts.incrementAndGet();
            if (event.body().startsWith("reject")) {
                throw new EventRejected("TEST_REJECTED", "Refused by the test handler");
            }
            applied.incrementAndGet();
        }
    }

    static ConsumerRecord<String, String> record(String key, String value, long offset) {
        return new ConsumerRecord<>(Topics.PATIENT_EVENTS, 0, offset, key, value);
    }

    @Test
    void theRelaySendsCommittedEventsInOrderWithCloudEventHeadersAndEmptiesTheOutbox() {
        String key = "relay-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 5; i++) {
                outbox.publish(Topics.THERAPY_PLAN_EVENTS, key, "org.ilsafety.test", Map.of("n", i));
            }
        });
        relay.relayBatch();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            List<ConsumerRecord<String, String>> sent = kafka.await(Topics.THERAPY_PLAN_EVENTS, r -> key.equals(r.key()), 5,
                    Duration.ofSeconds(30));
            assertEquals(5, sent.size());
            List<String> payloads = sent.stream().map(ConsumerRecord::value).toList();
            assertEquals(List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}"), payloads, "commit order per key");
            assertEquals("dosing-service", TestKafka.header(sent.get(0), CloudEventHeaders.SOURCE));
            assertEquals("org.ilsafety.test", TestKafka.header(sent.get(0), CloudEventHeaders.TYPE));
            assertEquals(5, sent.stream().map(r -> TestKafka.header(r, CloudEventHeaders.ID)).distinct().count());
        }
        long left = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE record_key = :key").setParameter("key", key).getSingleResult()).longValue());
        assertEquals(0, left, "relayed rows are deleted");
    }

    @Test
    void anEventRolledBackWithItsTransactionIsNeverSent() {
        String key = "rollback-" + UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.publish(Topics.MONITORING_EVENTS, key, "org.ilsafety.test", Map.of("n", 1));
                throw new IllegalStateException("the state change failed");
            });
        } catch (IllegalStateException expected) {
            // the change and its event go together
        }
        relay.relayBatch();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            assertEquals(0, kafka.drain(Topics.MONITORING_EVENTS, r -> key.equals(r.key()), Duration.ofSeconds(2)).size());
        }
    }

    @Test
    void aRedeliveredRecordChangesNothing() {
        CountingHandler handler = new CountingHandler();
        String value = "once-" + UUID.randomUUID();
        assertEquals(Outcome.APPLIED, processor.process(record("p-1", value, 1), handler));
        assertEquals(Outcome.DUPLICATE, processor.process(record("p-1", value, 1), handler));
        assertEquals(Outcome.DUPLICATE, processor.process(record("p-1", value, 2), handler), "same event, new offset");
        assertEquals(1, handler.applied.get());
    }

    @Test
    void copiesWithinOneBatchAndARedeliveredBatchApplyOnceWithoutFallingBackToSingleRecords() {
        CountingHandler handler = new CountingHandler();
        String run = UUID.randomUUID().toString();
        List<ConsumerRecord<String, String>> batch = List.of(record("p-3", "a-" + run, 20), record("p-3", "unreadable-" + run, 21),
                record("p-3", "a-" + run, 22), record("p-3", "unreadable-" + run, 23), record("p-3", "b-" + run, 24));

        assertEquals(List.of(Outcome.APPLIED, Outcome.DEAD_LETTERED, Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.APPLIED),
                processor.processBatch(batch, handler));
        assertEquals(2, handler.attempts.get(), "each event applied once, in the batch's one transaction");
        assertEquals(List.of(Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.DUPLICATE),
                processor.processBatch(batch, handler), "the whole poll delivered again");
        assertEquals(2, handler.attempts.get());
        List<?> recorded = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT outcome FROM processed_event WHERE idempotency_key LIKE :run").setParameter("run", "%" + run).getResultList());
        assertEquals(List.of("APPLIED", "APPLIED"), recorded.stream().map(String::valueOf).toList());
    }

    @Test
    void theOrderOfApplicationIsRecordedAlsoWithinOnePollTransaction() {
        CountingHandler handler = new CountingHandler();
        String run = UUID.randomUUID().toString();
        // sorted by key these would be c, m, z: the recorded order must be the batch's, not the keys'
        List<String> values = List.of("z-" + run, "c-" + run, "m-" + run);
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            batch.add(record("p-order", values.get(i), 40 + i));
        }
        assertEquals(List.of(Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED), processor.processBatch(batch, handler));
        List<?> applied = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT idempotency_key FROM processed_event WHERE idempotency_key LIKE :run ORDER BY applied_seq")
                .setParameter("run", "%" + run).getResultList());
        assertEquals(values.stream().map(v -> "plumbing/" + v).toList(), applied.stream().map(String::valueOf).toList());
    }

    @Test
    void theSameBrokenBytesForTwoPatientsAreTwoDeadLetters() {
        CountingHandler handler = new CountingHandler();
        String bytes = "unreadable-" + UUID.randomUUID();
        assertEquals(List.of(Outcome.DEAD_LETTERED, Outcome.DEAD_LETTERED),
                processor.processBatch(List.of(record("p-poison-a", bytes, 50), record("p-poison-b", bytes, 51)), handler));
        assertEquals(Outcome.DUPLICATE, processor.process(record("p-poison-a", bytes, 50), handler), "a redelivery");
    }

    @Test
    void aBadRecordInABatchIsIsolatedAndDeadLetteredWhileTheOthersApply() {
        CountingHandler handler = new CountingHandler();
        String run = UUID.randomUUID().toString();
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        batch.add(record("p-2", "a-" + run, 10));
        batch.add(record("p-2", "reject-" + run, 11));
        batch.add(record("p-2", "b-" + run, 12));
        batch.add(record("p-2", "a-" + run, 13));

        List<Outcome> outcomes = processor.processBatch(batch, handler);

        assertEquals(List.of(Outcome.APPLIED, Outcome.DEAD_LETTERED, Outcome.APPLIED, Outcome.DUPLICATE), outcomes);
        // What lasts is in the database: the rolled-back batch was re-applied one record at a time, each once.
        List<?> recorded = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT outcome FROM processed_event WHERE idempotency_key LIKE :run ORDER BY outcome")
                .setParameter("run", "%" + run).getResultList());
        assertEquals(List.of("APPLIED", "APPLIED", "DEAD_LETTERED"), recorded.stream().map(String::valueOf).toList());
        relay.relayBatch();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            List<ConsumerRecord<String, String>> letters = kafka.await(Topics.deadLetter(Topics.PATIENT_EVENTS),
                    r -> ("reject-" + run).equals(r.value()), 1, Duration.ofSeconds(30));
            assertEquals(1, letters.size());
            assertEquals("TEST_REJECTED", TestKafka.header(letters.get(0), "dead-letter-reason-code"));
            assertEquals("11", TestKafka.header(letters.get(0), "dead-letter-offset"));
        }
        assertTrue(processor.processBatch(List.of(), handler).isEmpty());
    }
}
