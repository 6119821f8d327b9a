package org.ilsafety.dosing.calculation;

/**
 * What a dose is calculated for: product (or molecule, meaning its reference product), indication,
 * route, body weight in kilograms, age, and the optional step, mg/kg choice, renal function and dose
 * number. {@code offLabel} with a {@code prescriberRegimen} is the only way to an unlabeled use.
 */
public record DoseQuery(
        String product,
        String drug,
        String indication,
        String route,
        Double weightKg,
        Double ageYears,
        Step step,
        Double mgPerKg,
        Double creatinineClearanceMlPerMin,
        Integer doseNumber,
        boolean offLabel,
        PrescriberRegimen prescriberRegimen) {

    public Step stepOrInitial() {
        return step == null ? Step.INITIAL : step;
    }
}
