package org.ilsafety.monitoring.alert;

/** What an alert is about: one condition of one patient. A condition has at most one active alert. */
public record AlertCondition(String patientId, AlertType type, String subject) {
}
