package org.ilsafety.monitoring.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.ilsafety.monitoring.knowledge.Schedules;

/** The next due and overdue instants of a lab group, from the therapy start and the group's last result. */
public final class DueDates {
    private DueDates() {
    }

    public record Due(Instant dueAt, Instant overdueAt) {
    }

    public static Optional<Due> next(Schedules.Group group, Instant startedAt, Instant lastResultAt) {
        Instant reference = lastResultAt != null && lastResultAt.isAfter(startedAt) ? lastResultAt : startedAt;
        long day = Duration.between(startedAt, reference).toDays();
        Schedules.Phase phase = null;
        for (Schedules.Phase candidate : group.phases()) {
            if (day >= candidate.fromDay() && (candidate.untilDay() == null || day < candidate.untilDay())) {
                phase = candidate;
            }
        }
        if (phase == null) {
            return Optional.empty();
        }
        return Optional.of(new Due(reference.plus(Duration.ofDays(phase.dueDays())), reference.plus(Duration.ofDays(phase.overdueDays()))));
    }
}
