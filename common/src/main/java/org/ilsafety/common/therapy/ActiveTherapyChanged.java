package org.ilsafety.common.therapy;

import org.ilsafety.common.events.TherapyPlanEvent;

/**
 * Fired synchronously, inside the consuming transaction, after a therapy plan event was recorded, so a
 * service can react (open a monitoring schedule, re-check interactions) in the same transaction.
 */
public record ActiveTherapyChanged(ActiveTherapy therapy, TherapyPlanEvent event) {
}
