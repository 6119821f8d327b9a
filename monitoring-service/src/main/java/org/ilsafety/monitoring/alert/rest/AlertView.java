package org.ilsafety.monitoring.alert.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.security.PatientReferences;
import org.ilsafety.monitoring.alert.Alert;

/** An alert as dashboards and the patient view show it. */
public record AlertView(String id, String patientId, String type, String subject, String analyte, String status, String severity,
        String action, String message, boolean requiresIndividualReview, int occurrences, Instant raisedAt, Instant updatedAt,
        Instant lastObservedAt, String acknowledgedBy, Instant acknowledgedAt, String acknowledgementReason, Instant resolvedAt,
        String resolvedBy, String resolution, @JsonUnwrapped Provenance provenance) {

    /**
     * The alert as {@code references}' caller may see it: a dashboard gets the patient's pseudonym, a
     * pseudonymous subject (no source record id) and no free text a person wrote (it may name the patient).
     */
    public static AlertView of(Alert a, PatientReferences references) {
        boolean detail = references.showsDetail();
        return new AlertView(a.id.toString(), references.forCaller(a.patientId), a.type.name(),
                references.subjectForCaller(a.subject), a.analyte, a.status.name(), a.severity.name(),
                a.action == null ? null : a.action.name(), a.message, a.requiresIndividualReview, a.occurrences, a.raisedAt, a.updatedAt,
                a.lastObservedAt, a.acknowledgedBy, a.acknowledgedAt, detail ? a.acknowledgementReason : null, a.resolvedAt, a.resolvedBy,
                detail ? a.resolution : null,
                a.provenance());
    }
}
