package org.ilsafety.common.events;

import org.ilsafety.common.knowledge.Attributed;
import org.ilsafety.common.knowledge.Provenance;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * Published by dosing-service on {@link Topics#THERAPY_PLAN_EVENTS} whenever a patient's therapy plan
 * changes. {@code change} is one of {@link Change}; the plan fields describe the plan after the change.
 */
public record TherapyPlanEvent(
        String patientId,
        Change change,
        String drug,
        String product,
        String indication,
        String route,
        PlanStatus status,
        String step,
        Double doseMg,
        Instant startedAt,
        Instant lastDoseAt,
        Instant nextDueAt,
        String reason,
        /** The rule behind the change, its source and knowledge version: flat on the wire. */
        @JsonUnwrapped Provenance provenance) implements Attributed {

    public enum Change {
        STARTED, DOSE_ADMINISTERED, REDUCED, INTERRUPTED, RESUMED, DISCONTINUED, ROUTE_SWITCHED, WEIGHT_BAND_CHANGED, UPDATED
    }

    public static final String TYPE = "org.ilsafety.therapy-plan.changed";
}
