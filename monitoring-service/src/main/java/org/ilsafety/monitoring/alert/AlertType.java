package org.ilsafety.monitoring.alert;

/** What an alert is about. The subject (analyte, condition id, screen, lab group) completes its identity. */
public enum AlertType {
    /** A graded lab result outside the continue band. */
    LAB_ABNORMAL,
    /** A lab result the service grades but could not (unit, missing ULN). */
    LAB_UNGRADABLE,
    /** An active infection while on therapy. */
    INFECTION,
    /** A pre-treatment screen missing or positive, an infection that blocks the start, a baseline lab missing before the first dose. */
    SCREENING,
    LAB_DUE,
    LAB_OVERDUE,
    /** Two merged patient records each had a current therapy: a person decides which one stands. */
    PATIENT_MERGE
}
