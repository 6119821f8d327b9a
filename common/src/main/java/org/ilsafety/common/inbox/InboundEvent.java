package org.ilsafety.common.inbox;

/** A validated inbound event: its idempotency key, the patient it belongs to, and the parsed body. */
public record InboundEvent<T>(String idempotencyKey, String patientId, String type, T body) {
}
