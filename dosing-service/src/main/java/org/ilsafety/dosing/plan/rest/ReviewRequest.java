package org.ilsafety.dosing.plan.rest;

import org.ilsafety.dosing.plan.PlanDecisions.ReviewOutcome;

/** {@code POST /api/v1/patients/{id}/therapy-plan/review}: a clinician closes the individual review. */
public record ReviewRequest(ReviewOutcome outcome) {
}
