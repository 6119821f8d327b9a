package org.ilsafety.interaction.check;

/** Where the interleukin-blocking therapy stands for the check. */
public enum TherapyStatus {
    PLANNED, ACTIVE, STOPPED
}
