package org.ilsafety.common.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code quota} requests per minute, refilled continuously, bursts up to the
 * quota. Idle callers' buckets are dropped, so the map holds only recent callers.
 */
public class RateLimiter {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile long lastSweep;

    public RateLimiter(LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.lastSweep = nanoClock.getAsLong();
    }

    /** 0 when the request may go ahead, else the seconds until the caller may try again. */
    public long acquire(String caller, int quotaPerMinute) {
        long now = clock.getAsLong();
        sweep(now);
        Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(quotaPerMinute, now));
        return bucket.take(quotaPerMinute, now);
    }

    /** Like {@link #acquire} without taking anything: 0 while the caller has a request left, else the seconds to wait. */
    public long peek(String caller, int quotaPerMinute) {
        Bucket bucket = buckets.get(caller);
        return bucket == null ? 0 : bucket.peek(quotaPerMinute, clock.getAsLong());
    }

    private void sweep(long now) {
        if (now - lastSweep > MINUTE_NANOS) {
            lastSweep = now;
            buckets.values().removeIf(bucket -> bucket.idleSince(now) > 10 * MINUTE_NANOS);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int quota, long now) {
            this.tokens = quota;
            this.updated = now;
        }

        synchronized long take(int quota, long now) {
            tokens = Math.min(quota, tokens + (now - updated) * (double) quota / MINUTE_NANOS);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double nanosUntilOne = (1 - tokens) * MINUTE_NANOS / quota;
            return Math.max(1, (long) Math.ceil(nanosUntilOne / 1e9));
        }

        synchronized long peek(int quota, long now) {
            double available = Math.min(quota, tokens + (now - updated) * (double) quota / MINUTE_NANOS);
            if (available >= 1) {
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - available) * MINUTE_NANOS / quota / 1e9));
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }
    }
}
