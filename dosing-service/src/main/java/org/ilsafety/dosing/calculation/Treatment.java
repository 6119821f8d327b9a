package org.ilsafety.dosing.calculation;

/** What a dose is for: the product (and its molecule), indication, route and step of the regimen. */
public record Treatment(String productId, String moleculeId, String indication, String route, Step step) {
}
