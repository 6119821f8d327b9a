package org.ilsafety.common.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.ilsafety.common.audit.AuditEntry;
import org.ilsafety.common.audit.AuditTrail;
import org.ilsafety.common.audit.ConsumedEvents;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.outbox.Outbox;
import org.ilsafety.common.util.Digests;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies inbound records exactly once in effect: the handler's changes, the events they publish
 * (outbox) and each record's idempotency key commit in one transaction. A batch of records (one poll)
 * commits together, which keeps throughput when every commit waits for the disk; if one record of a
 * batch cannot be applied, the batch is rolled back and its records are applied one transaction each,
 * so the bad one is isolated. A record that can never be applied goes to the topic's dead-letter topic
 * (also exactly once); a transient failure is retried with backoff, blocking only this consumer so each
 * patient's order is kept.
 */
@ApplicationScoped
public class InboundProcessor {
    private static final Logger LOG = Logger.getLogger(InboundProcessor.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    /** A unique-key conflict with a concurrent transaction resolves on retry; a persistent one is a bad record. */
    private static final int CONFLICT_ATTEMPTS = 3;
    private static final ThreadLocal<List<UUID>> CAUSED = new ThreadLocal<>();

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final String service;
    private final AuditTrail audit;
    private final ConsumedEvents consumed;

    public InboundProcessor(EntityManager entityManager, Outbox outbox, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String service, AuditTrail audit, ConsumedEvents consumed) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.registry = registry;
        this.service = service;
        this.audit = audit;
        this.consumed = consumed;
    }

    public enum Outcome {
        APPLIED, DUPLICATE, DEAD_LETTERED
    }

    /** One record: its own transaction. */
    public <T> Outcome process(ConsumerRecord<String, String> record, InboundHandler<T> handler) {
        return processBatch(List.of(record), handler).get(0);
    }

    /**
     * A poll's records (a channel with {@code batch=true} hands over {@code ConsumerRecords}), in order, in
     * one transaction when they all apply; returns each record's outcome.
     */
    public <T> List<Outcome> processBatch(Iterable<ConsumerRecord<String, String>> batch, InboundHandler<T> handler) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        batch.forEach(records::add);
        if (records.isEmpty()) {
            return List.of();
        }
        List<Parsed<T>> parsed = records.stream().map(record -> parse(record, handler)).toList();
        List<Outcome> outcomes;
        try {
            outcomes = retrying(parsed, handler);
        } catch (RuntimeException failure) {
            if (parsed.size() > 1) {
                LOG.debugf("A batch of %d failed with %s; applying its records one by one", parsed.size(), failure.getClass().getSimpleName());
                outcomes = new ArrayList<>();
                for (ConsumerRecord<String, String> record : records) {
                    outcomes.add(process(record, handler));
                }
                return outcomes;
            }
            Parsed<T> single = parsed.get(0);
            EventRejected reason = failure instanceof EventRejected rejected ? rejected : asRejection(failure);
            outcomes = retrying(List.of(new Parsed<>(single.record(), null, reason, single.key())), handler);
        }
        for (int i = 0; i < outcomes.size(); i++) {
            registry.counter("suite.inbound.events", "topic", records.get(i).topic(), "outcome", outcomes.get(i).name()).increment();
        }
        return outcomes;
    }

    private <T> Parsed<T> parse(ConsumerRecord<String, String> record, InboundHandler<T> handler) {
        try {
            InboundEvent<T> event = handler.parse(record);
            return new Parsed<>(record, event, null, event.idempotencyKey());
        } catch (EventRejected rejected) {
            return new Parsed<>(record, null, rejected, unparsedKey(record));
        } catch (RuntimeException unexpected) {
            return new Parsed<>(record, null, asRejection(unexpected), unparsedKey(record));
        }
    }

    /** Applies in one transaction; retries transient failures forever and conflicts a few times. */
    private <T> List<Outcome> retrying(List<Parsed<T>> parsed, InboundHandler<T> handler) {
        long backoff = 100;
        int conflicts = 0;
        while (true) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> applyAll(parsed, handler));
            } catch (RuntimeException e) {
                boolean conflict = TransientFailure.isConflict(e) && ++conflicts < CONFLICT_ATTEMPTS;
                if (!TransientFailure.is(e) && !conflict) {
                    throw e;
                }
                LOG.warnf("Transient failure on %s, retrying in %d ms: %s", position(parsed.get(0).record()), backoff,
                        e.getClass().getSimpleName());
                registry.counter("suite.inbound.retries", "topic", parsed.get(0).record().topic()).increment();
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private <T> List<Outcome> applyAll(List<Parsed<T>> parsed, InboundHandler<T> handler) {
        List<Outcome> outcomes = new ArrayList<>(parsed.size());
        List<AuditEntry> audited = new ArrayList<>(parsed.size());
        Set<String> firstTime = claim(parsed);
        for (Parsed<T> item : parsed) {
            Outcome outcome;
            List<UUID> caused = List.of();
            boolean first = firstTime.remove(item.key());
            if (item.rejection() != null) {
                outcome = first ? deadLetter(item.record(), item.rejection()) : Outcome.DUPLICATE;
            } else if (!first) {
                LOG.debugf("Duplicate %s ignored", position(item.record()));
                outcome = Outcome.DUPLICATE;
            } else {
                CAUSED.set(new ArrayList<>());
                try {
                    handler.apply(item.event());
                } finally {
                    caused = CAUSED.get();
                    CAUSED.remove();
                }
                outcome = Outcome.APPLIED;
            }
            outcomes.add(outcome);
            if (outcome != Outcome.DUPLICATE) {
                audited.add(consumed.entry(item.record(), outcome == Outcome.DEAD_LETTERED
                        ? outcome.name() + " " + item.rejection().reasonCode() : outcome.name(), caused));
            }
        }
        audit.recordAll(audited);
        return outcomes;
    }

    private Outcome deadLetter(ConsumerRecord<String, String> record, EventRejected reason) {
        outbox.publishRaw(Topics.deadLetter(record.topic()), record.key(), DeadLetterHeaders.EVENT_TYPE, record.value(), Map.of(
                DeadLetterHeaders.SERVICE, service,
                DeadLetterHeaders.REASON, reason.getMessage(),
                DeadLetterHeaders.REASON_CODE, reason.reasonCode(),
                DeadLetterHeaders.TOPIC, record.topic(),
                DeadLetterHeaders.PARTITION, Integer.toString(record.partition()),
                DeadLetterHeaders.OFFSET, Long.toString(record.offset())));
        LOG.warnf("Dead-lettered %s: %s", position(record), reason.reasonCode());
        return Outcome.DEAD_LETTERED;
    }

    /** Collects the ids of the events (decisions) the record being applied publishes, for its audit row. */
    void onWritten(@Observes Outbox.OutboxWritten written) {
        List<UUID> caused = CAUSED.get();
        if (caused != null && !Topics.isDeadLetter(written.topic())) {
            caused.add(written.eventId());
        }
    }

    /**
     * Records the idempotency keys of the batch in one statement, each with the outcome it is about to
     * have; returns the keys that were not there yet. A key already there (a redelivery), or a second
     * copy of a record within the batch, is a duplicate.
     */
    private <T> Set<String> claim(List<Parsed<T>> parsed) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Parsed<T> item : parsed) {
            outcomes.putIfAbsent(item.key(), (item.rejection() == null ? Outcome.APPLIED : Outcome.DEAD_LETTERED).name());
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO processed_event (idempotency_key, outcome, processed_at) "
                            + "SELECT k.idempotency_key, k.outcome, now() FROM unnest(?::varchar[], ?::varchar[]) AS k(idempotency_key, outcome) "
                            + "ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key")) {
                insert.setArray(1, connection.createArrayOf("varchar", outcomes.keySet().toArray()));
                insert.setArray(2, connection.createArrayOf("varchar", outcomes.values().toArray()));
                Set<String> claimed = new HashSet<>();
                try (ResultSet inserted = insert.executeQuery()) {
                    while (inserted.next()) {
                        claimed.add(inserted.getString(1));
                    }
                }
                return claimed;
            }
        });
    }

    private static EventRejected asRejection(RuntimeException failure) {
        // The exception's message may quote the payload, so only its type is reported.
        return new EventRejected("PROCESSING_ERROR", "Processing failed with " + failure.getClass().getSimpleName());
    }

    /** A record that never parsed is identified by its content, so re-sent poison is dead-lettered once. */
    static String unparsedKey(ConsumerRecord<String, String> record) {
        return "unparsed:" + Digests.sha256Hex(record.topic(), String.valueOf(record.value()));
    }

    static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying", e);
        }
    }

    private record Parsed<T>(ConsumerRecord<String, String> record, InboundEvent<T> event, EventRejected rejection, String key) {
    }
}
