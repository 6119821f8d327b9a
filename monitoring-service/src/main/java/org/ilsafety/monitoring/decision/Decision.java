package org.ilsafety.monitoring.decision;

import java.time.Instant;

import org.ilsafety.monitoring.grading.Action;

/** A plan change to publish: what, for which cause, why, and by which rule. */
public record Decision(String patientId, String cause, String analyte, Action action, boolean requiresIndividualReview,
        String message, Instant observedAt, String ruleId, String knowledgeVersion) {
}
