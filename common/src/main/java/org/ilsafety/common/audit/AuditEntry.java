package org.ilsafety.common.audit;

import java.time.Instant;

/**
 * One row of the audit trail: who ({@code subject}, {@code roles}), what ({@code action}: the endpoint
 * template or the consumed event, the patient's pseudonym, the {@code target} such as an alert or
 * decision id), when, and the {@code outcome}.
 */
public record AuditEntry(Instant occurredAt, String subject, String roles, Channel channel, String action,
        String patientPseudonym, String target, String outcome) {

    public enum Channel {
        /** A REST or CDS Hooks request. */
        REQUEST,
        /** An event consumed from the integration bus. */
        EVENT
    }
}
