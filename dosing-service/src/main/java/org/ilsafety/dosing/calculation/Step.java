package org.ilsafety.dosing.calculation;

/** Where a patient is on the labeled dose ladder: the starting dose, the increased dose, or the reduced one. */
public enum Step {
    INITIAL, ESCALATED, REDUCED
}
