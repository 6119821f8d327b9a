package org.ilsafety.dosing.plan;

import java.time.Duration;
import java.time.Instant;

import org.ilsafety.dosing.calculation.DoseCalculator;

/** Whether an active plan's dose is overdue (past its due time by more than the grace), and how many are missed. */
public final class MissedDoses {
    private MissedDoses() {
    }

    public static boolean overdue(TherapyPlan plan, Instant now, double graceHours) {
        return plan.status == PlanStatus.ACTIVE && !plan.startBlocked && plan.nextDueAt != null
                && now.isAfter(plan.nextDueAt.plus(Duration.ofMinutes(Math.round(graceHours * 60))));
    }

    public static int missed(TherapyPlan plan, Instant now, double graceHours) {
        if (!overdue(plan, now, graceHours)) {
            return 0;
        }
        if (plan.doseInterval == null) {
            return 1;
        }
        Duration interval = DoseCalculator.parseInterval(plan.doseInterval, "interval");
        return 1 + (int) (Duration.between(plan.nextDueAt, now).toMinutes() / Math.max(1, interval.toMinutes()));
    }
}
