package org.ilsafety.monitoring.alert;

import java.time.Instant;

import org.ilsafety.monitoring.grading.Action;

/** What was found about a condition: the analyte, the action it calls for, how severe, what to tell, whether to review individually, when. */
public record AlertFinding(String analyte, Action action, Severity severity, String message, boolean requiresIndividualReview,
        Instant observedAt) {
}
