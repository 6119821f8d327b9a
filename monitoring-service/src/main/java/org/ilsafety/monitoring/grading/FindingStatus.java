package org.ilsafety.monitoring.grading;

/** GRADED against a rule; UNGRADABLE (the result cannot be graded, the finding says why); NOT_EVALUATED (no rule applies). */
public enum FindingStatus {
    GRADED, UNGRADABLE, NOT_EVALUATED
}
