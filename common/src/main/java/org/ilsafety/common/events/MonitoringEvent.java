package org.ilsafety.common.events;

import org.ilsafety.common.knowledge.Attributed;
import org.ilsafety.common.knowledge.Provenance;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * Published by monitoring-service on {@link Topics#MONITORING_EVENTS}: a lab decision (what the therapy
 * plan should do) or an alert lifecycle change. dosing-service acts on decisions.
 */
public record MonitoringEvent(
        String patientId,
        Kind kind,
        String alertId,
        String alertType,
        String alertStatus,
        /** For kind ALERT: what happened to the alert; null for a decision. */
        AlertChange alertChange,
        String severity,
        String action,
        String analyte,
        boolean requiresIndividualReview,
        String message,
        Instant observedAt,
        /** The rule behind it, its source (seed file name or label section) and knowledge version: flat on the wire. */
        @JsonUnwrapped Provenance provenance) implements Attributed {

    public enum Kind {
        /** What the therapy plan must do now: CONTINUE, MONITOR, REDUCE_DOSE, INTERRUPT, DISCONTINUE, RESUME, DO_NOT_START. */
        DECISION,
        /** An alert was raised, escalated, acknowledged or resolved. */
        ALERT
    }

    public enum AlertChange {
        /** A new alert (status OPEN). */
        RAISED,
        /** A worse finding raised the active alert's severity (status OPEN again if it was acknowledged). */
        ESCALATED,
        /** A person acknowledged it. */
        ACKNOWLEDGED,
        /** A newer normal result, a person or the end of the therapy resolved it. */
        RESOLVED
    }

    public static final String TYPE_DECISION = "org.ilsafety.monitoring.decision";
    public static final String TYPE_ALERT = "org.ilsafety.monitoring.alert";
}
