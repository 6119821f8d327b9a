package org.ilsafety.common.inbox;

/**
 * A validated inbound event: its idempotency key, the patient it belongs to (null for a resource that
 * belongs to no patient, such as a Medication), and the parsed body. {@code ignoredBecause} is set when
 * the parser already knows the event changes nothing (a reason code, never patient data): the handler is
 * not called and the input is reported IGNORED.
 */
public record InboundEvent<T>(String idempotencyKey, String patientId, String type, T body, String ignoredBecause) {

    public InboundEvent(String idempotencyKey, String patientId, String type, T body) {
        this(idempotencyKey, patientId, type, body, null);
    }

    public <U> InboundEvent<U> withBody(U newBody) {
        return new InboundEvent<>(idempotencyKey, patientId, type, newBody, ignoredBecause);
    }
}
