package org.ilsafety.dosing.renal;

import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.ilsafety.dosing.patient.PatientReading;

/**
 * One renal-function reading of a patient in mL/min: a creatinine clearance, or an eGFR ({@code estimate}), from an
 * Observation (its LOINC code) or from a prescriber's REST request (no code).
 */
@Entity
@Table(name = "renal_reading")
public class RenalReading extends PatientReading {
    @Column(name = "ml_per_min", nullable = false)
    public double mlPerMin;

    /** {@code <}, {@code <=}, {@code >=}, {@code >}; null for an exact value. */
    public String comparator;

    /** The LOINC code; null for a value the prescriber gave in a REST request. */
    public String code;

    public String display;

    /** An eGFR (normalized to 1.73 m2), not the creatinine clearance the label names. */
    @Column(nullable = false)
    public boolean estimate;

    /**
     * The value to compare with a threshold ("under {@code threshold} mL/min"), or empty when a comparator leaves the
     * side open (">25" against 30). A bound below the threshold is returned as a value below it.
     */
    public Optional<Double> valueAgainst(double threshold) {
        return valueAgainst(mlPerMin, comparator, threshold);
    }

    public static Optional<Double> valueAgainst(double value, String comparator, double threshold) {
        if (comparator == null) {
            return Optional.of(value);
        }
        return switch (comparator) {
            case ">", ">=" -> value >= threshold ? Optional.of(value) : Optional.empty();
            case "<" -> value <= threshold ? Optional.of(Math.min(value, Math.nextDown(threshold))) : Optional.empty();
            case "<=" -> value < threshold ? Optional.of(value) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** What the plan says it used: "creatinine clearance 25 mL/min (LOINC 35591-7, 2026-11-05)". */
    public String describe() {
        String what = code == null ? "creatinine clearance" : display;
        String from = code == null ? "given in the prescriber's request" : "LOINC " + code;
        return what + " " + (comparator == null ? "" : comparator) + plain(mlPerMin) + " mL/min (" + from + ", "
                + measuredAt.atOffset(ZoneOffset.UTC).toLocalDate() + ")";
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
