package org.ilsafety.common.inbox;

/**
 * An inbound event that can never be applied: it goes to the dead-letter topic with this reason. The
 * reason is written for operators and must never contain patient data (no values, names or ids).
 */
public class EventRejected extends RuntimeException {
    private final String reasonCode;

    public EventRejected(String reasonCode, String safeReason) {
        super(safeReason, null, false, false);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
