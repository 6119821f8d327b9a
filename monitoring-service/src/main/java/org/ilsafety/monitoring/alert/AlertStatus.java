package org.ilsafety.monitoring.alert;

/** OPEN until a person acknowledges it; RESOLVED by a newer normal result or by a person. */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED
}
