package org.ilsafety.dosing.plan.rest;

import java.time.Instant;

/** {@code POST /api/v1/patients/{id}/therapy-plan/administrations}: a dose given. */
public record AdministrationRequest(String id, Instant administeredAt, Double doseMg, String route) {
}
