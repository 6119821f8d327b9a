package org.ilsafety.common.events;

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
        String severity,
        String action,
        String analyte,
        boolean requiresIndividualReview,
        String message,
        Instant observedAt,
        String ruleId,
        String knowledgeVersion) {

    public enum Kind {
        /** What the therapy plan must do now: CONTINUE, MONITOR, REDUCE_DOSE, INTERRUPT, DISCONTINUE, RESUME, DO_NOT_START. */
        DECISION,
        /** An alert was raised, escalated, acknowledged or resolved. */
        ALERT
    }

    public static final String TYPE_DECISION = "org.ilsafety.monitoring.decision";
    public static final String TYPE_ALERT = "org.ilsafety.monitoring.alert";
}
