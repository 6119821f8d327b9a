package org.ilsafety.dosing.plan;

import org.ilsafety.common.events.PlanStatus;
import java.time.Duration;
import java.time.Instant;

import org.ilsafety.dosing.calculation.Intervals;

/**
 * Whether an active plan's dose is overdue (past its due time by more than the grace), and how many are missed. A plan
 * still waiting for a body weight has no dose to give yet: it is waiting (its doseIssue says for what), not overdue.
 */
public final class MissedDoses {
    private MissedDoses() {
    }

    public static boolean overdue(TherapyPlan plan, Instant now, double graceHours) {
        return plan.status == PlanStatus.ACTIVE && !plan.startBlocked && !awaitingWeight(plan) && plan.nextDueAt != null
                && now.isAfter(plan.nextDueAt.plus(Duration.ofMinutes(Math.round(graceHours * 60))));
    }

    /** No body weight is known yet, so no dose can be calculated. */
    public static boolean awaitingWeight(TherapyPlan plan) {
        return plan.dosingWeightKg == null;
    }

    public static int missed(TherapyPlan plan, Instant now, double graceHours) {
        if (!overdue(plan, now, graceHours)) {
            return 0;
        }
        if (plan.doseInterval == null) {
            return 1;
        }
        Duration interval = Intervals.parse(plan.doseInterval, "interval");
        return 1 + (int) (Duration.between(plan.nextDueAt, now).toMinutes() / Math.max(1, interval.toMinutes()));
    }
}
