package org.ilsafety.dosing.plan.rest;

import java.time.Instant;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.ilsafety.dosing.rest.RequestLimits;

/**
 * {@code POST /api/v1/patients/{id}/therapy-plan/administrations}: a dose given. The {@code id} is the
 * administration's record id (a FHIR id), recorded once.
 */
public record AdministrationRequest(
        @Pattern(regexp = RequestLimits.FHIR_ID, message = RequestLimits.FHIR_ID_MESSAGE) String id,
        Instant administeredAt,
        Double doseMg,
        @Size(max = RequestLimits.ROUTE_MAX) String route) {
}
