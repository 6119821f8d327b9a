package org.ilsafety.common.inbox;

import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs a unit of work until it settles: a transient failure (the database or broker away) is retried forever with
 * exponential backoff, blocking only the calling consumer so each patient's order is kept; a unique-key conflict
 * with a concurrent transaction is retried a few times; any other failure is thrown.
 */
final class TransientRetry {
    private static final Logger LOG = Logger.getLogger(TransientRetry.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    /** A unique-key conflict with a concurrent transaction resolves on retry; a persistent one is a bad record. */
    private static final int CONFLICT_ATTEMPTS = 3;

    private TransientRetry() {
    }

    /** {@code position} and {@code topic} name the (first) record for the log and the retries counter. */
    static <R> R untilSettled(Supplier<R> work, String position, String topic, MeterRegistry registry) {
        long backoff = FIRST_BACKOFF_MILLIS;
        int conflicts = 0;
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                boolean conflict = TransientFailure.isConflict(e) && ++conflicts < CONFLICT_ATTEMPTS;
                if (!TransientFailure.is(e) && !conflict) {
                    throw e;
                }
                LOG.warnf("Transient failure on %s, retrying in %d ms: %s", position, backoff, e.getClass().getSimpleName());
                registry.counter("suite.inbound.retries", "topic", topic).increment();
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
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
