package org.ilsafety.monitoring.grading;

/** Before the first dose (initiation thresholds) or during treatment. */
public enum Context {
    INITIATION, MAINTENANCE
}
