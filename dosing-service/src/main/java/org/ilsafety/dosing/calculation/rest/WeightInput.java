package org.ilsafety.dosing.calculation.rest;

/** A body weight as sent: value and unit (kg, g, lb or [lb_av]). */
public record WeightInput(Double value, String unit) {
}
