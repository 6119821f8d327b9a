package org.ilsafety.dosing.calculation;

import jakarta.validation.constraints.Size;

import org.ilsafety.dosing.rest.RequestLimits;

/**
 * An off-label regimen entered by the prescriber: a flat dose or a mg/kg dose, an optional interval
 * (ISO-8601; null for a single dose) and an optional cap. The label gives no dose for it.
 */
public record PrescriberRegimen(Double doseMg, Double mgPerKg, @Size(max = RequestLimits.INTERVAL_MAX) String interval, Double maxDoseMg) {
}
