package org.ilsafety.common.inbox;

/** Headers on every dead-letter record. None of them carries patient data. */
public final class DeadLetterHeaders {
    public static final String SERVICE = "dead-letter-service";
    public static final String REASON = "dead-letter-reason";
    public static final String REASON_CODE = "dead-letter-reason-code";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String EVENT_TYPE = "org.ilsafety.dead-letter";

    private DeadLetterHeaders() {
    }
}
