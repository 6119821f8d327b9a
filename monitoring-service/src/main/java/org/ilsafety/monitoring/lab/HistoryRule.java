package org.ilsafety.monitoring.lab;

import java.util.List;

import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.knowledge.LabRules;

/**
 * Applies a band's history rule: counts this result and the consecutive earlier results of the same
 * analyte above {@code persistsAbove}; too few to confirm gives {@code unconfirmedAction}, enough to
 * call it persistent gives {@code persistentAction}, otherwise the band's action.
 */
public final class HistoryRule {
    private HistoryRule() {
    }

    public record Outcome(Action action, int consecutive, boolean confirmed, boolean persistent) {
    }

    /** {@code earlier}: scaled values of the earlier results, newest first (null where a result was not graded). */
    public static Outcome apply(LabRules.Rule rule, List<Double> earlier) {
        if (rule.persistsAbove() == null) {
            return new Outcome(rule.action(), 1, true, false);
        }
        int consecutive = 1;
        for (Double value : earlier) {
            if (value == null || value <= rule.persistsAbove()) {
                break;
            }
            consecutive++;
        }
        if (rule.persistentAction() != null && rule.persistentAfter() != null && consecutive >= rule.persistentAfter()) {
            return new Outcome(rule.persistentAction(), consecutive, true, true);
        }
        if (rule.confirmAfter() != null && consecutive < rule.confirmAfter()) {
            return new Outcome(rule.unconfirmedAction() != null ? rule.unconfirmedAction() : rule.action(), consecutive, false, false);
        }
        return new Outcome(rule.action(), consecutive, true, false);
    }
}
