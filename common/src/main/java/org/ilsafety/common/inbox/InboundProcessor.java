package org.ilsafety.common.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.audit.AuditEntry;
import org.ilsafety.common.audit.AuditTrail;
import org.ilsafety.common.audit.ConsumedEvents;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.outbox.Outbox;
import org.ilsafety.common.patient.PatientMerges;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies inbound records exactly once in effect: the handler's changes, the events they publish
 * (outbox) and each record's idempotency key commit in one transaction. A batch of records (one poll)
 * commits together, which keeps throughput when every commit waits for the disk; if one record of a
 * batch cannot be applied, the batch is rolled back and its records are applied one transaction each,
 * so the bad one is isolated. A record that can never be applied goes to the topic's dead-letter topic
 * ({@link DeadLetters}, also exactly once); a transient failure is retried with backoff ({@link TransientRetry});
 * the dedupe is {@link IdempotencyKeys}.
 */
@ApplicationScoped
public class InboundProcessor {
    private static final Logger LOG = Logger.getLogger(InboundProcessor.class);
    private static final ThreadLocal<List<UUID>> CAUSED = new ThreadLocal<>();

    private final AuditTrail audit;
    private final ConsumedEvents consumed;
    private final InputRecords inputs;
    private final PatientMerges merges;
    private final IdempotencyKeys keys;
    private final DeadLetters deadLetters;
    private final InputMeters meters;

    public InboundProcessor(AuditTrail audit, ConsumedEvents consumed, InputRecords inputs, PatientMerges merges,
            IdempotencyKeys keys, DeadLetters deadLetters, InputMeters meters) {
        this.audit = audit;
        this.consumed = consumed;
        this.inputs = inputs;
        this.merges = merges;
        this.keys = keys;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    public enum Outcome {
        APPLIED, IGNORED, DUPLICATE, DEAD_LETTERED
    }

    /** The counter of consumed inputs ({@code suite_inputs_total} in Prometheus): service, topic, outcome, reason code. */
    public static final String INPUTS_METRIC = "suite.inputs";

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
            EventRejected reason = failure instanceof EventRejected rejected ? rejected : ProcessingFailure.asRejection(failure);
            applied = retrying(List.of(new Parsed<>(single.record(), List.of(), reason, single.key())), handler);
        }
        for (int i = 0; i < records.size(); i++) {
            meters.countRecord(records.get(i).topic(), applied.outcomes().get(i));
        }
        for (Counted counted : applied.counted()) {
            meters.countInput(counted.topic(), counted.outcome(), counted.reason());
        }
        return applied.outcomes();
    }

    private <T> Parsed<T> parse(ConsumerRecord<String, String> record, InboundHandler<T> handler) {
        try {
            List<InboundEvent<T>> events = handler.parseAll(record);
            String key = events.size() == 1 ? events.get(0).idempotencyKey() : IdempotencyKeys.unparsedKey(record);
            return new Parsed<>(record, events, null, key);
        } catch (EventRejected rejected) {
            return new Parsed<>(record, List.of(), rejected, IdempotencyKeys.unparsedKey(record));
        } catch (RuntimeException unexpected) {
            return new Parsed<>(record, List.of(), ProcessingFailure.asRejection(unexpected), IdempotencyKeys.unparsedKey(record));
        }
    }

    /** Applies in one transaction, until it settles ({@link TransientRetry}). */
    private <T> Applied retrying(List<Parsed<T>> parsed, InboundHandler<T> handler) {
        ConsumerRecord<String, String> first = parsed.get(0).record();
        return TransientRetry.untilSettled(() -> QuarkusTransaction.requiringNew().call(() -> {
            try {
                return applyAll(parsed, handler);
            } finally {
                merges.endPoll();
            }
        }), position(first), first.topic(), meters.registry());
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
        Map<ConsumerRecord<String, String>, Outcome> byRecord = new IdentityHashMap<>();
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
                if (first) {
                    deadLetters.send(item.record(), item.rejection());
                }
                outcome = first ? Outcome.DEAD_LETTERED : Outcome.DUPLICATE;
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

    /** Collects the ids of the events (decisions) the record being applied publishes, for its audit row. */
    void onWritten(@Observes Outbox.OutboxWritten written) {
        List<UUID> caused = CAUSED.get();
        if (caused != null && !Topics.isDeadLetter(written.topic())) {
            caused.add(written.eventId());
        }
    }

    /** Claims the batch's keys in order (a second copy of a record within the batch is a duplicate); returns the first-time ones. */
    private <T> Set<String> claim(List<Item<T>> items) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Item<T> item : items) {
            outcomes.putIfAbsent(item.key(), (item.rejection() == null ? Outcome.APPLIED : Outcome.DEAD_LETTERED).name());
        }
        return keys.claim(outcomes);
    }

    static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
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
