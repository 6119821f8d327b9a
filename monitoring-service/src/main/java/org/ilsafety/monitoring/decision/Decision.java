package org.ilsafety.monitoring.decision;

import java.time.Instant;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.monitoring.alert.AlertFinding;
import org.ilsafety.monitoring.alert.AlertRequest;
import org.ilsafety.monitoring.grading.Action;

/** A plan change to publish: what, for which cause, why, and the rule behind it (with its source: seed file or label section). */
public record Decision(String patientId, String cause, String analyte, Action action, boolean requiresIndividualReview,
        String message, Instant observedAt, Provenance provenance) {

    /** The plan change an alert's finding calls for; the cause is the alert's subject. */
    public static Decision of(AlertRequest request) {
        AlertFinding finding = request.finding();
        return new Decision(request.patientId(), request.subject(), finding.analyte(), finding.action(), finding.requiresIndividualReview(),
                finding.message(), finding.observedAt(), request.provenance());
    }

    /** The therapy may be given again: the cause recovered. */
    public static Decision resume(String patientId, String cause, String analyte, String message, Instant observedAt, Provenance provenance) {
        return new Decision(patientId, cause, analyte, Action.RESUME, false, message, observedAt, provenance);
    }
}
