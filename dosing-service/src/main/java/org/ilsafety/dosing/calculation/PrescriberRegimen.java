package org.ilsafety.dosing.calculation;

/**
 * An off-label regimen entered by the prescriber: a flat dose or a mg/kg dose, an optional interval
 * (ISO-8601; null for a single dose) and an optional cap. The label gives no dose for it.
 */
public record PrescriberRegimen(Double doseMg, Double mgPerKg, String interval, Double maxDoseMg) {
}
