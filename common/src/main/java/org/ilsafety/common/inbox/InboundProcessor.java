package org.ilsafety.common.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
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
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.common.util.Digests;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

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
    private final InputRecords inputs;
    private final PatientMerges merges;

    public InboundProcessor(EntityManager entityManager, Outbox outbox, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String service, AuditTrail audit, ConsumedEvents consumed,
            InputRecords inputs, PatientMerges merges) {
        this.merges = merges;
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.registry = registry;
        this.service = service;
        this.audit = audit;
        this.consumed = consumed;
        this.inputs = inputs;
    }

    /** The inputs counter shows at zero from the start, for each outcome of the inbound topic. */
    void registerInputsMetric(@Observes StartupEvent start) {
        for (Outcome outcome : Outcome.values()) {
            inputsCounter(Topics.PATIENT_EVENTS, outcome, NO_REASON);
        }
    }

    private Counter inputsCounter(String topic, Outcome outcome, String reason) {
        return Counter.builder(INPUTS_METRIC).description("Consumed inputs by what came of them")
                .tags("service", service, "topic", topic, "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT), "reason", reason)
                .register(registry);
    }

    public enum Outcome {
        APPLIED, IGNORED, DUPLICATE, DEAD_LETTERED
    }

    /** The counter of consumed inputs ({@code suite_inputs_total} in Prometheus): service, topic, outcome, reason code. */
    public static final String INPUTS_METRIC = "suite.inputs";
    private static final String NO_REASON = "none";

    /** One record: its own transaction. */
    public <T> Outcome process(ConsumerRecord<String, String> record, InboundHandler<T> handler) {
        return processBatch(List.of(record), handler).get(0);
    }

    /**
     * A poll's records (a channel with {@code batch=true} hands over {@code ConsumerRecords}), in order, in
     * one transaction when they all apply; returns each record's outcome. A record that holds several
     * inputs (a Bundle's entries) has the outcome of its inputs taken together: dead-lettered, else applied
     * if one was, else ignored, else duplicate; each input is counted and listed on its own.
     */
    public <T> List<Outcome> processBatch(Iterable<ConsumerRecord<String, String>> batch, InboundHandler<T> handler) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        batch.forEach(records::add);
        if (records.isEmpty()) {
            return List.of();
        }
        List<Parsed<T>> parsed = records.stream().map(record -> parse(record, handler)).toList();
        Applied applied;
        try {
            applied = retrying(parsed, handler);
        } catch (RuntimeException failure) {
            if (parsed.size() > 1) {
                LOG.debugf("A batch of %d failed with %s; applying its records one by one", parsed.size(), failure.getClass().getSimpleName());
                List<Outcome> outcomes = new ArrayList<>();
                for (ConsumerRecord<String, String> record : records) {
                    outcomes.add(process(record, handler));
                }
                return outcomes;
            }
            Parsed<T> single = parsed.get(0);
            EventRejected reason = failure instanceof EventRejected rejected ? rejected : asRejection(failure);
            applied = retrying(List.of(new Parsed<>(single.record(), List.of(), reason, single.key())), handler);
        }
        for (int i = 0; i < records.size(); i++) {
            registry.counter("suite.inbound.events", "topic", records.get(i).topic(), "outcome", applied.outcomes().get(i).name()).increment();
        }
        for (Counted counted : applied.counted()) {
            inputsCounter(counted.topic(), counted.outcome(), counted.reason() == null ? NO_REASON : counted.reason()).increment();
        }
        return applied.outcomes();
    }

    private <T> Parsed<T> parse(ConsumerRecord<String, String> record, InboundHandler<T> handler) {
        try {
            List<InboundEvent<T>> events = handler.parseAll(record);
            String key = events.size() == 1 ? events.get(0).idempotencyKey() : unparsedKey(record);
            return new Parsed<>(record, events, null, key);
        } catch (EventRejected rejected) {
            return new Parsed<>(record, List.of(), rejected, unparsedKey(record));
        } catch (RuntimeException unexpected) {
            return new Parsed<>(record, List.of(), asRejection(unexpected), unparsedKey(record));
        }
    }

    /** Applies in one transaction; retries transient failures forever and conflicts a few times. */
    private <T> Applied retrying(List<Parsed<T>> parsed, InboundHandler<T> handler) {
        long backoff = 100;
        int conflicts = 0;
        while (true) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    try {
                        return applyAll(parsed, handler);
                    } finally {
                        merges.endPoll();
                    }
                });
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

    private <T> Applied applyAll(List<Parsed<T>> parsed, InboundHandler<T> handler) {
        List<Item<T>> items = new ArrayList<>();
        for (Parsed<T> record : parsed) {
            if (record.rejection() != null) {
                items.add(new Item<>(record.record(), null, record.rejection(), record.key()));
            } else {
                record.events().forEach(event -> items.add(new Item<>(record.record(), event, null, event.idempotencyKey())));
            }
        }
        List<AuditEntry> audited = new ArrayList<>(items.size());
        List<InputRecords.Row> listed = new ArrayList<>(items.size());
        List<Counted> counted = new ArrayList<>(items.size());
        Map<ConsumerRecord<String, String>, Outcome> byRecord = new java.util.IdentityHashMap<>();
        Set<String> firstTime = claim(items);
        Instant now = Instant.now();
        merges.beginPoll(items.stream().filter(item -> item.event() != null).map(item -> item.event().patientId()).toList());
        for (Item<T> item : items) {
            Outcome outcome;
            String reason = null;
            List<UUID> caused = List.of();
            boolean first = firstTime.remove(item.key());
            InboundEvent<T> event = item.event();
            if (item.rejection() != null) {
                outcome = first ? deadLetter(item.record(), item.rejection()) : Outcome.DUPLICATE;
                reason = item.rejection().reasonCode();
            } else if (!first) {
                LOG.debugf("Duplicate %s ignored", position(item.record()));
                outcome = Outcome.DUPLICATE;
            } else if (item.event().ignoredBecause() != null) {
                outcome = Outcome.IGNORED;
                reason = item.event().ignoredBecause();
            } else {
                event = merged(item.event(), handler);
                CAUSED.set(new ArrayList<>());
                InputOutcome.begin();
                try {
                    handler.apply(event);
                    reason = InputOutcome.end();
                } finally {
                    caused = CAUSED.get();
                    CAUSED.remove();
                    InputOutcome.end();
                }
                outcome = reason == null ? Outcome.APPLIED : Outcome.IGNORED;
            }
            byRecord.merge(item.record(), outcome, InboundProcessor::together);
            counted.add(new Counted(item.record().topic(), outcome, outcome == Outcome.DUPLICATE ? null : reason));
            if (outcome != Outcome.DUPLICATE) {
                String patientId = event != null ? event.patientId() : item.record().key();
                String said = (reason == null ? outcome.name() : outcome.name() + " " + reason)
                        + (event != item.event() ? " (merged patient: applied to the surviving patient)" : "");
                audited.add(consumed.entry(item.record(), patientId, said, caused));
                listed.add(new InputRecords.Row(patientId, new InputRecords.Input(now, item.record().topic(), position(item.record()),
                        item.key(), item.event() != null ? item.event().type() : null, outcome.name(), reason)));
            }
        }
        audit.recordAll(audited);
        inputs.recordAll(listed);
        List<Outcome> outcomes = parsed.stream().map(p -> byRecord.getOrDefault(p.record(), Outcome.IGNORED)).toList();
        return new Applied(outcomes, counted);
    }

    /** The event for the surviving patient when its patient id was merged away, else the event itself. */
    private <T> InboundEvent<T> merged(InboundEvent<T> event, InboundHandler<T> handler) {
        return merges.survivorOf(event.patientId()).map(survivor -> handler.forSurvivor(event, survivor)).orElse(event);
    }

    /** A record's outcome from its inputs' outcomes. */
    private static Outcome together(Outcome a, Outcome b) {
        for (Outcome strongest : List.of(Outcome.DEAD_LETTERED, Outcome.APPLIED, Outcome.IGNORED)) {
            if (a == strongest || b == strongest) {
                return strongest;
            }
        }
        return Outcome.DUPLICATE;
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
     * have and, in {@code applied_seq}, its place in the order this service applied events; returns the keys
     * that were not there yet. A key already there (a redelivery), or a second
     * copy of a record within the batch, is a duplicate.
     */
    private <T> Set<String> claim(List<Item<T>> items) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Item<T> item : items) {
            outcomes.putIfAbsent(item.key(), (item.rejection() == null ? Outcome.APPLIED : Outcome.DEAD_LETTERED).name());
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    // rows inserted in the batch's order, so applied_seq (an identity) records the order of application
                    "INSERT INTO processed_event (idempotency_key, outcome, processed_at) "
                            + "SELECT k.idempotency_key, k.outcome, now() FROM unnest(?::varchar[], ?::varchar[]) WITH ORDINALITY "
                            + "AS k(idempotency_key, outcome, position) ORDER BY k.position "
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
        // The exception's message may quote the payload, so only its type and where it was thrown (code, not data) are reported.
        return new EventRejected("PROCESSING_ERROR", "Processing failed with " + failure.getClass().getSimpleName() + thrownAt(failure));
    }

    /**
     * Where the root cause was thrown: " at Class.method:line" of its first frame and, when that is not the suite's own code,
     * " via Class.method:line" of the suite's innermost frame, so operations can find the defect (code positions, never data).
     */
    static String thrownAt(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StringBuilder at = new StringBuilder(root != failure ? " (cause " + root.getClass().getSimpleName() + ")" : "");
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith("org.ilsafety.")) {
                if (i > 0) {
                    at.append(" at ").append(position(frames[0])).append(" via");
                } else {
                    at.append(" at");
                }
                return at.append(' ').append(position(frames[i])).toString();
            }
        }
        return at.toString();
    }

    private static String position(StackTraceElement frame) {
        return frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "." + frame.getMethodName() + ":" + frame.getLineNumber();
    }

    /**
     * The idempotency key of a record that parsed into no single event: its topic, record key (the patient) and
     * bytes. The same broken bytes sent for two patients are two dead letters; a redelivery, or a copy of the same
     * bytes for the same patient, is a duplicate of the one already dead-lettered with its reason.
     */
    static String unparsedKey(ConsumerRecord<String, String> record) {
        return "unparsed:" + Digests.sha256Hex(record.topic(), String.valueOf(record.key()), String.valueOf(record.value()));
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

    /** A record as parsed: its inputs (one, or a Bundle's entries), or why it can never be applied. */
    private record Parsed<T>(ConsumerRecord<String, String> record, List<InboundEvent<T>> events, EventRejected rejection, String key) {
    }

    /** One input of a record. */
    private record Item<T>(ConsumerRecord<String, String> record, InboundEvent<T> event, EventRejected rejection, String key) {
    }

    private record Counted(String topic, Outcome outcome, String reason) {
    }

    private record Applied(List<Outcome> outcomes, List<Counted> counted) {
    }
}
