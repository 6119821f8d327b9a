package org.ilsafety.dosing.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.MedicationRequest;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.therapy.TherapyOrderReader;
import org.ilsafety.dosing.plan.EarlyDecisions;
import org.ilsafety.dosing.plan.PlanOrders;

/**
 * MedicationRequest from patient-events: an order of a known product starts, updates or stops the plan
 * ({@link PlanOrders}), with what the order says beyond product and route ({@link OrderDetailsReader}); decisions that
 * arrived before the plan are applied in the same transaction ({@link EarlyDecisions}).
 */
@ApplicationScoped
public class OrderEvents {
    private final TherapyOrderReader orders;
    private final OrderDetailsReader details;
    private final PlanOrders planOrders;
    private final EarlyDecisions earlyDecisions;

    public OrderEvents(TherapyOrderReader orders, OrderDetailsReader details, PlanOrders planOrders, EarlyDecisions earlyDecisions) {
        this.orders = orders;
        this.details = details;
        this.planOrders = planOrders;
        this.earlyDecisions = earlyDecisions;
    }

    void apply(MedicationRequest request) {
        orders.read(request).ifPresentOrElse(order -> {
            planOrders.applyOrder(order, details.read(request));
            earlyDecisions.applyHeld(order.patientId());
        }, () -> InputOutcome.ignore(IgnoredReasons.MEDICINE_UNRECOGNIZED));
    }
}
