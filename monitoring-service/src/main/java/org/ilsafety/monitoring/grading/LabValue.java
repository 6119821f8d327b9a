package org.ilsafety.monitoring.grading;

/**
 * One lab result to grade: LOINC code, value, UCUM unit, and the upper limit of normal when the lab gave one.
 * {@code comparator} (&lt;, &lt;=, &gt;=, &gt;) says the value is a bound, not an exact number.
 */
public record LabValue(String code, double value, String unit, Double referenceHigh, String referenceHighUnit, String comparator) {

    public LabValue(String code, double value, String unit, Double referenceHigh, String referenceHighUnit) {
        this(code, value, unit, referenceHigh, referenceHighUnit, null);
    }
}
