package org.ilsafety.dosing.plan.rest;

import java.time.Instant;

import org.ilsafety.dosing.calculation.PrescriberRegimen;
import org.ilsafety.dosing.calculation.Step;
import org.ilsafety.dosing.calculation.rest.DoseCalculationRequest;
import org.ilsafety.dosing.calculation.rest.WeightInput;

/** {@code POST /api/v1/patients/{id}/therapy-plan}: start a plan with an explicit weight. */
public record StartPlanRequest(
        String product,
        String drug,
        String indication,
        String route,
        WeightInput weight,
        Double ageYears,
        Step step,
        Double mgPerKg,
        Double creatinineClearanceMlPerMin,
        Boolean offLabel,
        PrescriberRegimen prescriberRegimen,
        Instant startedAt) {

    /** The first dose's calculation request (no dose number: a plan starts at its first dose). */
    public DoseCalculationRequest calculation() {
        return new DoseCalculationRequest(product, drug, indication, route, weight, ageYears, step, mgPerKg, creatinineClearanceMlPerMin,
                null, offLabel, prescriberRegimen);
    }
}
