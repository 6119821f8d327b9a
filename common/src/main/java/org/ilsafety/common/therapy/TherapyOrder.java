package org.ilsafety.common.therapy;

import java.time.Instant;

/**
 * An order for an interleukin-blocking product, read from a FHIR MedicationRequest. Route and
 * indication are null when the order does not say ({@code indicationBasis} says how the indication was found:
 * CODED, REFERENCE, INFERRED or UNKNOWN; {@code matchedBy}: code or name); {@code active} is false for stopped, cancelled,
 * completed or entered-in-error orders.
 */
public record TherapyOrder(
        String patientId,
        String requestId,
        String productId,
        String moleculeId,
        String route,
        String indication,
        boolean active,
        String fhirStatus,
        Instant authoredOn,
        String indicationBasis,
        String matchedBy) {

    /** An order read elsewhere than from FHIR (a promoted second product): its indication is unknown. */
    public TherapyOrder(String patientId, String requestId, String productId, String moleculeId, String route, String indication,
            boolean active, String fhirStatus, Instant authoredOn) {
        this(patientId, requestId, productId, moleculeId, route, indication, active, fhirStatus, authoredOn,
                indication == null ? "UNKNOWN" : "CODED", "name");
    }

    /**
     * Whether this is a stopped or completed order other than the course's current one ({@code currentRequestId}): a one-off
     * order beside the standing one (a dose given in clinic, which EHRs and Synthea record as a completed order of its own)
     * does not end the course. With either id unknown the order is taken as the current one.
     */
    public boolean stopsAnotherOrderThan(String currentRequestId) {
        return !active && currentRequestId != null && requestId != null && !currentRequestId.equals(requestId);
    }

    /** With an unknown indication, labs are graded with the molecule's strictest adult rule set and flagged for individual review. */
    public boolean requiresIndividualReview() {
        return indication == null;
    }
}
