package org.ilsafety.dosing.knowledge;

import java.util.List;

import org.ilsafety.dosing.calculation.Step;

/**
 * One labeled regimen row: which patients it applies to (molecule, indication, route, steps, age and
 * weight band) and the dose it gives (mg/kg, flat, or a mg/kg range the prescriber chooses in).
 */
public record Regimen(
        String id,
        String molecule,
        String indication,
        String route,
        List<Step> steps,
        Double ageYearsFrom,
        Double ageYearsBelow,
        Double weightKgFrom,
        Double weightKgBelow,
        String authorization,
        Double mgPerKg,
        Double flatDoseMg,
        Regimens.MgPerKgRange mgPerKgRange,
        Double maxDoseMg,
        String interval,
        Integer maxAdditionalDoses,
        Double minHoursBetweenDoses,
        Integer courseDoses,
        Regimens.Renal renal,
        String repeat,
        String startReview,
        String note,
        String source,
        boolean verified) {

    public static final String EUA_NOT_LABEL = "EUA_NOT_LABEL";

    public boolean coversAge(double ageYears) {
        return (ageYearsFrom == null || ageYears >= ageYearsFrom) && (ageYearsBelow == null || ageYears < ageYearsBelow);
    }

    public boolean coversWeight(double weightKg) {
        return (weightKgFrom == null || weightKg >= weightKgFrom) && (weightKgBelow == null || weightKg < weightKgBelow);
    }

    public boolean appliesTo(Step step) {
        return steps.contains(step);
    }

    public boolean weightBanded() {
        return weightKgFrom != null || weightKgBelow != null;
    }

    public boolean calculable() {
        return !EUA_NOT_LABEL.equals(authorization);
    }

    public String ageRange() {
        if (ageYearsFrom != null && ageYearsBelow != null) {
            return "from " + plain(ageYearsFrom) + " to under " + plain(ageYearsBelow) + " years";
        }
        if (ageYearsFrom != null) {
            return plain(ageYearsFrom) + " years or older";
        }
        return ageYearsBelow == null ? "any age" : "under " + plain(ageYearsBelow) + " years";
    }

    static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
