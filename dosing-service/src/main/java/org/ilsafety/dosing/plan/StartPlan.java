package org.ilsafety.dosing.plan;

import java.time.Instant;

import org.ilsafety.dosing.calculation.DoseCalculation;

/**
 * A plan started by REST: the validated calculation of its first dose, the exact dosing weight (the calculation
 * shows it rounded), when it starts, and the creatinine clearance the prescriber gave (kept as a renal reading).
 */
public record StartPlan(DoseCalculation dose, double weightKg, Double ageYears, Double requestedMgPerKg, String prescriberRegimenJson, Instant startedAt,
        Double creatinineClearanceMlPerMin) {
}
