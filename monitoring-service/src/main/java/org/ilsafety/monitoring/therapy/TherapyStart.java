package org.ilsafety.monitoring.therapy;

import java.time.Instant;

import org.hl7.fhir.r4.model.MedicationAdministration;
import org.ilsafety.common.events.PlanStatus;
import org.ilsafety.common.therapy.ActiveTherapy;

/**
 * Before the first dose (issue 19 item 1). An ordered therapy with no dose given is PLANNED: its labs are graded with
 * the start (initiation) thresholds and a breach or an active infection blocks the start (DO_NOT_START). The first
 * administration (a completed MedicationAdministration on patient-events, or dosing-service's plan event with a last
 * dose) makes it ACTIVE. dosing-service calls a plan with nothing given yet ACTIVE; this service keeps it PLANNED.
 */
public final class TherapyStart {
    private TherapyStart() {
    }

    /** Ordered, no dose given yet: the start thresholds apply. */
    public static boolean beforeFirstDose(ActiveTherapy therapy) {
        return therapy.status == PlanStatus.PLANNED;
    }

    /** An ACTIVE therapy with no dose given is PLANNED; a PLANNED one with a dose given is ACTIVE. */
    static void settle(ActiveTherapy therapy) {
        if (therapy.status == PlanStatus.ACTIVE && therapy.lastDoseAt == null) {
            therapy.status = PlanStatus.PLANNED;
        } else if (therapy.status == PlanStatus.PLANNED && therapy.lastDoseAt != null) {
            therapy.status = PlanStatus.ACTIVE;
        }
    }

    /** A dose was given at {@code at}; returns true when it is the first one (the therapy was PLANNED). */
    static boolean dosed(ActiveTherapy therapy, Instant at) {
        boolean first = beforeFirstDose(therapy);
        if (therapy.lastDoseAt == null || at.isAfter(therapy.lastDoseAt)) {
            therapy.lastDoseAt = at;
        }
        settle(therapy);
        therapy.updatedAt = Instant.now();
        return first;
    }
}
