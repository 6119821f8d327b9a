package org.ilsafety.hl7.store;

import org.ilsafety.hl7.v2.MessageHeader;

/** One row of the message audit: who sent which control id, and what came of it. No patient data. */
public record AuditEntry(String peer, MessageHeader header, String acknowledgment, Outcome outcome, Integer errorCode,
        String errorLocation, String reason, int eventCount) {

    public enum Outcome {
        /** AA: the events are on patient-events. */
        ACCEPTED,
        /** AA again for a control id already accepted; no new event. */
        DUPLICATE,
        /** AE: the content cannot be used as sent, or the bus did not take it; nothing published. */
        ERROR,
        /** AR: not processed (sender, version, type, frame). */
        REJECTED,
        /** The sender closed the connection inside a frame: there was nobody to answer. */
        UNANSWERED
    }
}
