package org.ilsafety.dosing.plan;

/**
 * What an order says beyond product, route and indication: a body weight (unusual), the ordered mg/kg
 * and the ordered interval (ISO-8601), each null when absent.
 */
public record OrderDetails(Double weightKg, Double mgPerKg, String interval) {
    public static final OrderDetails NONE = new OrderDetails(null, null, null);
}
