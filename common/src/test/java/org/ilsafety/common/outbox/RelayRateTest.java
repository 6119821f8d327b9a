package org.ilsafety.common.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RelayRateTest {
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_000 * MINUTE + 5_000;

    @Test
    void countsEachMinuteAndShowsQuietMinutesAsZero() {
        RelayRate rate = new RelayRate();
        rate.add(3, T0);
        rate.add(4, T0 + 10_000);
        rate.add(5, T0 + 2 * MINUTE);
        List<RelayRate.Minute> minutes = rate.lastMinutes(3, T0 + 2 * MINUTE);
        assertEquals(List.of(7L, 0L, 5L), minutes.stream().map(RelayRate.Minute::events).toList());
        assertEquals(1_000 * MINUTE, minutes.get(0).minute().toEpochMilli(), "oldest first, on the minute");
    }

    @Test
    void aSlotAnHourOldIsNotCountedAgain() {
        RelayRate rate = new RelayRate();
        rate.add(9, T0);
        rate.add(2, T0 + RelayRate.MINUTES * MINUTE);
        assertEquals(List.of(2L), rate.lastMinutes(1, T0 + RelayRate.MINUTES * MINUTE).stream().map(RelayRate.Minute::events).toList());
        assertEquals(RelayRate.MINUTES, rate.lastMinutes(24 * 60, T0).size(), "at most an hour is kept");
        assertEquals(0L, rate.lastMinutes(RelayRate.MINUTES, T0 + RelayRate.MINUTES * MINUTE).get(0).events(),
                "the minute an hour ago was overwritten, not shown as the current one");
    }
}
