package org.ilsafety.dosing.weight;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Body weight as a clinician reads it: to 0.1 kg (220 lb is 99.8 kg, not 99.79032140000001). Doses are computed from
 * the exact weight and rounded by the regimen's rule; the exact weight is kept where it is stored (the plan's dosing
 * weight, the weight readings).
 */
public final class Kilograms {
    private Kilograms() {
    }

    public static double displayed(double kilograms) {
        return BigDecimal.valueOf(kilograms).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    public static Double displayed(Double kilograms) {
        return kilograms == null ? null : displayed(kilograms.doubleValue());
    }
}
