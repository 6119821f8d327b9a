package org.ilsafety.monitoring.decision;

import java.time.Instant;

import org.ilsafety.monitoring.grading.Action;

/** A plan change to publish: what, for which cause, why, by which rule and from which source (seed file or label section). */
public record Decision(String patientId, String cause, String analyte, Action action, boolean requiresIndividualReview,
        String message, Instant observedAt, String ruleId, String source, String knowledgeVersion) {
}
