package org.ilsafety.monitoring.grading;

/** One lab result to grade: LOINC code, value, UCUM unit, and the upper limit of normal when the lab gave one. */
public record LabValue(String code, double value, String unit, Double referenceHigh, String referenceHighUnit) {
}
