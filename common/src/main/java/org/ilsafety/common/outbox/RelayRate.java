package org.ilsafety.common.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Events this process relayed to Kafka, per minute over the last hour: the relay rate operations watch beside the outbox
 * backlog. Only the replica holding the relay's advisory lock relays, so with several replicas the one that answers may
 * show none while another relays (the Prometheus counter {@code suite_outbox_relayed_total} sums every replica).
 */
@ApplicationScoped
public class RelayRate {
    static final int MINUTES = 60;
    private static final long MINUTE_MILLIS = 60_000;

    private final long[] events = new long[MINUTES];
    private final long[] minuteOf = new long[MINUTES];

    public record Minute(Instant minute, long events) {
    }

    void add(int relayed, long nowMillis) {
        long minute = nowMillis / MINUTE_MILLIS;
        int slot = (int) (minute % MINUTES);
        synchronized (this) {
            if (minuteOf[slot] != minute) {
                minuteOf[slot] = minute;
                events[slot] = 0;
            }
            events[slot] += relayed;
        }
    }

    public void add(int relayed) {
        add(relayed, System.currentTimeMillis());
    }

    /** The last {@code minutes} minutes (at most {@value #MINUTES}), the current one included, oldest first, quiet minutes as 0. */
    public List<Minute> lastMinutes(int minutes) {
        return lastMinutes(minutes, System.currentTimeMillis());
    }

    synchronized List<Minute> lastMinutes(int minutes, long nowMillis) {
        long current = nowMillis / MINUTE_MILLIS;
        int count = Math.max(1, Math.min(minutes, MINUTES));
        List<Minute> result = new ArrayList<>(count);
        for (long minute = current - count + 1; minute <= current; minute++) {
            int slot = (int) (minute % MINUTES);
            result.add(new Minute(Instant.ofEpochMilli(minute * MINUTE_MILLIS), minuteOf[slot] == minute ? events[slot] : 0));
        }
        return result;
    }
}
