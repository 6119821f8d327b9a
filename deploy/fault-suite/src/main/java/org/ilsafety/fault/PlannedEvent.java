package org.ilsafety.fault;

/**
 * One record the fault suite sends to patient-events. {@code idempotencyKey} is what each service must
 * record exactly once (null for poison); {@code sequence} is the event's place in its patient's stream.
 */
record PlannedEvent(String key, String value, String idempotencyKey, boolean poison, int sequence) {
}
