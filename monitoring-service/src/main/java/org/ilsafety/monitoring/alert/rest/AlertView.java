package org.ilsafety.monitoring.alert.rest;

import java.time.Instant;

import org.ilsafety.monitoring.alert.Alert;

/** An alert as dashboards and the patient view show it. */
public record AlertView(String id, String patientId, String type, String subject, String analyte, String status, String severity,
        String action, String message, boolean requiresIndividualReview, int occurrences, Instant raisedAt, Instant updatedAt,
        Instant lastObservedAt, String acknowledgedBy, Instant acknowledgedAt, String acknowledgementReason, Instant resolvedAt,
        String resolvedBy, String resolution, String ruleId, String source, String knowledgeVersion) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id.toString(), a.patientId, a.type.name(), a.subject, a.analyte, a.status.name(), a.severity.name(),
                a.action == null ? null : a.action.name(), a.message, a.requiresIndividualReview, a.occurrences, a.raisedAt, a.updatedAt,
                a.lastObservedAt, a.acknowledgedBy, a.acknowledgedAt, a.acknowledgementReason, a.resolvedAt, a.resolvedBy, a.resolution,
                a.ruleId, a.source, a.knowledgeVersion);
    }
}
