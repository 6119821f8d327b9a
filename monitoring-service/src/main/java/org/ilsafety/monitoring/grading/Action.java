package org.ilsafety.monitoring.grading;

/**
 * What a lab result asks of the therapy, in increasing severity: CONTINUE < MONITOR < REDUCE_DOSE <
 * INTERRUPT < DISCONTINUE; DO_NOT_START applies before the first dose. RESUME is a decision only (the
 * causes of an interruption recovered), never the grade of one result.
 */
public enum Action {
    CONTINUE, MONITOR, REDUCE_DOSE, INTERRUPT, DISCONTINUE, DO_NOT_START, RESUME;

    public static Action mostSevere(Action a, Action b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.ordinal() > a.ordinal() ? b : a;
    }

    /** Actions that change the therapy plan (dosing-service acts on them). */
    public boolean changesPlan() {
        return this == REDUCE_DOSE || this == INTERRUPT || this == DISCONTINUE || this == DO_NOT_START || this == RESUME;
    }
}
