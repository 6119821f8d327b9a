package org.ilsafety.common.therapy;

import java.time.Instant;

/**
 * An order for an interleukin-blocking product, read from a FHIR MedicationRequest. Route and
 * indication are null when the order does not say; {@code active} is false for stopped, cancelled,
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
        Instant authoredOn) {
}
