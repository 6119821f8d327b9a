package org.ilsafety.dosing.plan;

import java.time.Instant;

import org.ilsafety.dosing.calculation.DoseCalculation;

/** A plan started by REST: the validated calculation of its first dose, and when it starts. */
public record StartPlan(DoseCalculation dose, Double ageYears, Double requestedMgPerKg, String prescriberRegimenJson, Instant startedAt) {
}
