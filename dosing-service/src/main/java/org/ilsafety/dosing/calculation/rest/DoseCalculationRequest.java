package org.ilsafety.dosing.calculation.rest;

import org.ilsafety.dosing.calculation.PrescriberRegimen;
import org.ilsafety.dosing.calculation.Step;

/** {@code POST /api/v1/dose-calculations}. */
public record DoseCalculationRequest(
        String product,
        String drug,
        String indication,
        String route,
        WeightInput weight,
        Double ageYears,
        Step step,
        Double mgPerKg,
        Double creatinineClearanceMlPerMin,
        Integer doseNumber,
        Boolean offLabel,
        PrescriberRegimen prescriberRegimen) {
}
