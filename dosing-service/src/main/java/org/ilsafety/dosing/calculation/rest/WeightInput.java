package org.ilsafety.dosing.calculation.rest;

import org.ilsafety.dosing.rest.RequestLimits;
import jakarta.validation.constraints.Size;

/** A body weight as sent: value and unit (kg, g, lb or [lb_av]). */
public record WeightInput(Double value, @Size(max = RequestLimits.UNIT_MAX) String unit) {
}
