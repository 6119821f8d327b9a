package org.ilsafety.common.events;

/**
 * Where a patient's course of therapy stands: the one status vocabulary of the event contract
 * ({@link TherapyPlanEvent#status()}) and of each service's copy of the therapy.
 */
public enum PlanStatus {
    /** Ordered, no dose given yet (monitoring-service: baseline screening still gates the start). */
    PLANNED,
    /** Doses are due on schedule. */
    ACTIVE,
    /** Held by a lab, an infection or an allergy; a recovery or a prescriber resumes it. */
    INTERRUPTED,
    /** Ended by the plan (a rule or a prescriber); a new order starts a new course. */
    DISCONTINUED,
    /** Ended by the order (completed, stopped, cancelled) before dosing-service said otherwise. */
    STOPPED;

    /** The course goes on: planned, active or interrupted. */
    public boolean isCurrent() {
        return this != STOPPED && this != DISCONTINUED;
    }
}
