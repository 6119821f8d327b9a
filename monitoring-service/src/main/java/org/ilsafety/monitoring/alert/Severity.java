package org.ilsafety.monitoring.alert;

import org.ilsafety.monitoring.grading.Action;

/** How urgent an alert is, in increasing order. */
public enum Severity {
    LOW, MODERATE, HIGH, CRITICAL;

    /** The severity of an alert that asks for this action. */
    public static Severity of(Action action) {
        return switch (action) {
            case CONTINUE, RESUME -> LOW;
            case MONITOR -> MODERATE;
            case REDUCE_DOSE, INTERRUPT, DO_NOT_START -> HIGH;
            case DISCONTINUE -> CRITICAL;
        };
    }
}
