package org.ilsafety.dosing.calculation;

/** How many single-dose vials of one strength to open. */
public record VialCount(double strengthMg, double volumeMl, int count) {
}
