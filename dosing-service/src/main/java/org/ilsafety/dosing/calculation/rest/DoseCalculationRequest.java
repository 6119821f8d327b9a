package org.ilsafety.dosing.calculation.rest;

import org.ilsafety.dosing.rest.RequestLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.ilsafety.dosing.calculation.PrescriberRegimen;
import org.ilsafety.dosing.calculation.Step;

/**
 * {@code POST /api/v1/dose-calculations}. The codes are short: a product or drug name, an indication code
 * (an off-label one is kept with the plan), IV or SC.
 */
public record DoseCalculationRequest(
        @Size(max = RequestLimits.NAME_MAX) String product,
        @Size(max = RequestLimits.NAME_MAX) String drug,
        @Size(max = RequestLimits.NAME_MAX) @Pattern(regexp = RequestLimits.CODE, message = RequestLimits.CODE_MESSAGE) String indication,
        @Size(max = RequestLimits.ROUTE_MAX) String route,
        @Valid WeightInput weight,
        Double ageYears,
        Step step,
        Double mgPerKg,
        Double creatinineClearanceMlPerMin,
        Integer doseNumber,
        Boolean offLabel,
        @Valid PrescriberRegimen prescriberRegimen) {
}
