package org.ilsafety.dosing.calculation;

/** The dose arithmetic: the dose in mg (rounded), the mg/kg it came from, the weight used and the labeled cap. */
public record Dose(Double doseMg, Double mgPerKg, double weightKg, boolean capped, Double maxDoseMg) {
}
