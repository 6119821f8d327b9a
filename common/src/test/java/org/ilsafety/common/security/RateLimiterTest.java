package org.ilsafety.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(0);
    private final RateLimiter limiter = new RateLimiter(now::get);

    @Test
    void aCallerGetsItsQuotaAsABurstThenWaitsForTheRefill() {
        for (int i = 0; i < 60; i++) {
            assertEquals(0, limiter.acquire("nurse", 60), "request " + (i + 1) + " of 60");
        }
        long retryAfter = limiter.acquire("nurse", 60);
        assertEquals(1, retryAfter, "60 per minute refill one per second");
        now.addAndGet(SECOND);
        assertEquals(0, limiter.acquire("nurse", 60), "one request back after a second");
        assertTrue(limiter.acquire("nurse", 60) > 0);
    }

    @Test
    void callersAreLimitedEachOnTheirOwn() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("board", 5);
        }
        assertTrue(limiter.acquire("board", 5) > 0);
        assertEquals(0, limiter.acquire("pharmacist", 5), "another caller still has its quota");
    }

    @Test
    void theWaitIsNamedInWholeSecondsForASlowQuota() {
        limiter.acquire("bus", 1);
        assertEquals(60, limiter.acquire("bus", 1), "one per minute: retry after 60 s");
        now.addAndGet(30 * SECOND);
        assertEquals(30, limiter.acquire("bus", 1));
    }

    @Test
    void peekingTakesNothing() {
        assertEquals(0, limiter.peek("address", 2), "an unknown caller has its quota");
        limiter.acquire("address", 2);
        assertEquals(0, limiter.peek("address", 2));
        assertEquals(0, limiter.peek("address", 2), "peeking twice leaves the last request");
        limiter.acquire("address", 2);
        assertEquals(30, limiter.peek("address", 2), "used up: two per minute come back one each 30 s");
        now.addAndGet(30 * SECOND);
        assertEquals(0, limiter.peek("address", 2));
    }
}
