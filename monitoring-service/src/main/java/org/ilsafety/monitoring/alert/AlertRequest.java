package org.ilsafety.monitoring.alert;

import java.time.Instant;

import org.ilsafety.monitoring.grading.Action;

/** What a rule asks to alert about: the condition (patient, type, subject) and the finding behind it. */
public record AlertRequest(String patientId, AlertType type, String subject, String analyte, Action action, Severity severity,
        String message, boolean requiresIndividualReview, Instant observedAt, String ruleId, String source, String knowledgeVersion) {
}
