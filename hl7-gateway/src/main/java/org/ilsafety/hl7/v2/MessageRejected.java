package org.ilsafety.hl7.v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;

/**
 * Why a message is not accepted, as the acknowledgement says it: AE (content the gateway cannot use) or AR
 * (a message it must not process), the HL7 error code (table 0357), the segment and field, and a reason that
 * names fields, never values (it is also the audit row's reason).
 */
public class MessageRejected extends RuntimeException {
    private final AcknowledgmentCode acknowledgment;
    private final ErrorCode error;
    private final String segment;
    private final int segmentRepetition;
    private final int field;

    public MessageRejected(AcknowledgmentCode acknowledgment, ErrorCode error, String segment, int segmentRepetition, int field,
            String reason) {
        super(reason, null, false, false);
        this.acknowledgment = acknowledgment;
        this.error = error;
        this.segment = segment;
        this.segmentRepetition = segmentRepetition;
        this.field = field;
    }

    /** AE: the message is well formed but a field cannot be used as sent. */
    public static MessageRejected error(ErrorCode error, String segment, int field, String reason) {
        return new MessageRejected(AcknowledgmentCode.AE, error, segment, 1, field, reason);
    }

    /** AE about the message as a whole (no one segment to name). */
    public static MessageRejected error(ErrorCode error, String reason) {
        return new MessageRejected(AcknowledgmentCode.AE, error, null, 1, 0, reason);
    }

    /** AE at a given repetition of the segment (1 = the first). */
    public static MessageRejected error(ErrorCode error, V2Segment segment, int field, String reason) {
        return new MessageRejected(AcknowledgmentCode.AE, error, segment.name(), segment.repetition(), field, reason);
    }

    /** AR: the message must not be processed (sender, version, type, frame). */
    public static MessageRejected reject(ErrorCode error, String segment, int field, String reason) {
        return new MessageRejected(AcknowledgmentCode.AR, error, segment, 1, field, reason);
    }

    public AcknowledgmentCode acknowledgment() {
        return acknowledgment;
    }

    public ErrorCode error() {
        return error;
    }

    public String segment() {
        return segment;
    }

    public int segmentRepetition() {
        return segmentRepetition;
    }

    public int field() {
        return field;
    }

    /** Where, as ERR and the audit row show it: {@code OBX[2]-5}, {@code PID-3}, {@code MSH-12}. */
    public String location() {
        if (segment == null) {
            return null;
        }
        String repetition = segmentRepetition > 1 ? "[" + segmentRepetition + "]" : "";
        return field > 0 ? segment + repetition + "-" + field : segment + repetition;
    }
}
