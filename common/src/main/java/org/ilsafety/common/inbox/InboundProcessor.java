package org.ilsafety.common.inbox;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.outbox.Outbox;
import org.ilsafety.common.util.Digests;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies one inbound record exactly once in effect: the handler's changes, the events they publish
 * (outbox) and the record's idempotency key commit in one transaction. A record that can never be
 * applied goes to the topic's dead-letter topic (also exactly once); a transient failure is retried
 * with backoff, blocking only this partition so the patient's order is kept.
 */
@ApplicationScoped
public class InboundProcessor {
    private static final Logger LOG = Logger.getLogger(InboundProcessor.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final String service;

    public InboundProcessor(EntityManager entityManager, Outbox outbox, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.registry = registry;
        this.service = service;
    }

    public enum Outcome {
        APPLIED, DUPLICATE, DEAD_LETTERED
    }

    public <T> Outcome process(ConsumerRecord<String, String> record, InboundHandler<T> handler) {
        long backoff = 100;
        while (true) {
            try {
                Outcome outcome = attempt(record, handler);
                registry.counter("suite.inbound.events", "topic", record.topic(), "outcome", outcome.name()).increment();
                return outcome;
            } catch (RuntimeException e) {
                if (!TransientFailure.is(e)) {
                    throw e;
                }
                LOG.warnf("Transient failure on %s, retrying in %d ms: %s", position(record), backoff, e.getClass().getSimpleName());
                registry.counter("suite.inbound.retries", "topic", record.topic()).increment();
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private <T> Outcome attempt(ConsumerRecord<String, String> record, InboundHandler<T> handler) {
        InboundEvent<T> event;
        try {
            event = handler.parse(record);
        } catch (EventRejected rejected) {
            return deadLetter(record, unparsedKey(record), rejected);
        } catch (RuntimeException unexpected) {
            return deadLetter(record, unparsedKey(record), asRejection(unexpected));
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (!firstTime(event.idempotencyKey(), Outcome.APPLIED)) {
                    LOG.debugf("Duplicate %s ignored", position(record));
                    return Outcome.DUPLICATE;
                }
                handler.apply(event);
                return Outcome.APPLIED;
            });
        } catch (EventRejected rejected) {
            return deadLetter(record, event.idempotencyKey(), rejected);
        } catch (RuntimeException failure) {
            if (TransientFailure.is(failure)) {
                throw failure;
            }
            return deadLetter(record, event.idempotencyKey(), asRejection(failure));
        }
    }

    private Outcome deadLetter(ConsumerRecord<String, String> record, String idempotencyKey, EventRejected reason) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!firstTime(idempotencyKey, Outcome.DEAD_LETTERED)) {
                return Outcome.DUPLICATE;
            }
            outbox.publishRaw(Topics.deadLetter(record.topic()), record.key(), DeadLetterHeaders.EVENT_TYPE, record.value(), Map.of(
                    DeadLetterHeaders.SERVICE, service,
                    DeadLetterHeaders.REASON, reason.getMessage(),
                    DeadLetterHeaders.REASON_CODE, reason.reasonCode(),
                    DeadLetterHeaders.TOPIC, record.topic(),
                    DeadLetterHeaders.PARTITION, Integer.toString(record.partition()),
                    DeadLetterHeaders.OFFSET, Long.toString(record.offset())));
            LOG.warnf("Dead-lettered %s: %s", position(record), reason.reasonCode());
            return Outcome.DEAD_LETTERED;
        });
    }

    /** Inserts the key; false when it was already there (a redelivery). */
    private boolean firstTime(String idempotencyKey, Outcome outcome) {
        int inserted = entityManager.createNativeQuery(
                "INSERT INTO processed_event (idempotency_key, outcome, processed_at) VALUES (:key, :outcome, :at) "
                        + "ON CONFLICT (idempotency_key) DO NOTHING")
                .setParameter("key", idempotencyKey)
                .setParameter("outcome", outcome.name())
                .setParameter("at", Instant.now())
                .executeUpdate();
        return inserted == 1;
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
}
