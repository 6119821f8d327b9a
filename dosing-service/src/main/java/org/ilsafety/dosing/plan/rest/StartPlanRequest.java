package org.ilsafety.dosing.plan.rest;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.ilsafety.dosing.calculation.PrescriberRegimen;
import org.ilsafety.dosing.calculation.Step;
import org.ilsafety.dosing.calculation.rest.DoseCalculationRequest;
import org.ilsafety.dosing.rest.RequestLimits;
import org.ilsafety.dosing.calculation.rest.WeightInput;

/** {@code POST /api/v1/patients/{id}/therapy-plan}: start a plan with an explicit weight. */
public record StartPlanRequest(
        @Size(max = RequestLimits.NAME_MAX) String product,
        @Size(max = RequestLimits.NAME_MAX) String drug,
        @Size(max = RequestLimits.NAME_MAX) @Pattern(regexp = RequestLimits.CODE, message = RequestLimits.CODE_MESSAGE) String indication,
        @Size(max = RequestLimits.ROUTE_MAX) String route,
        @Valid WeightInput weight,
        Double ageYears,
        Step step,
        Double mgPerKg,
        Double creatinineClearanceMlPerMin,
        Boolean offLabel,
        @Valid PrescriberRegimen prescriberRegimen,
        Instant startedAt) {

    /** The first dose's calculation request (no dose number: a plan starts at its first dose). */
    public DoseCalculationRequest calculation() {
        return new DoseCalculationRequest(product, drug, indication, route, weight, ageYears, step, mgPerKg, creatinineClearanceMlPerMin,
                null, offLabel, prescriberRegimen);
    }
}
