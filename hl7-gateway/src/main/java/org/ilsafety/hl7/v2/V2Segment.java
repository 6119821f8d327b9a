package org.ilsafety.hl7.v2;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;

/**
 * One segment of a parsed message with its place: {@code index} is its position in the message (0 = MSH),
 * {@code repetition} counts segments of the same name (1 = the first). Field values come from HAPI's parsed
 * model (Terser), whatever the version or structure, Z-segments included.
 */
public record V2Segment(Segment segment, int index, int repetition) {

    public String name() {
        return segment.getName();
    }

    /** The first repetition's component (1-based); null when empty. */
    public String get(int field, int component) {
        return get(field, 0, component, 1);
    }

    public String get(int field, int repetition, int component, int subcomponent) {
        try {
            if (field > segment.numFields()) {
                return null;
            }
            String value = Terser.get(segment, field, repetition, component, subcomponent);
            return value == null || value.isBlank() ? null : value.trim();
        } catch (HL7Exception e) {
            throw MessageRejected.error(ErrorCode.DATA_TYPE_ERROR, this, field, name() + "-" + field + " cannot be read");
        }
    }

    /** How many repetitions the field has (0 when absent). */
    public int repetitions(int field) {
        try {
            return field > segment.numFields() ? 0 : segment.getField(field).length;
        } catch (HL7Exception e) {
            return 0;
        }
    }

    /** A coded element (CE, CWE, CNE) at a repetition: identifier, text, coding system and the alternate triplet. */
    public CodedValue coded(int field, int repetition) {
        return new CodedValue(get(field, repetition, 1, 1), get(field, repetition, 2, 1), get(field, repetition, 3, 1),
                get(field, repetition, 4, 1), get(field, repetition, 5, 1), get(field, repetition, 6, 1));
    }

    public CodedValue coded(int field) {
        return coded(field, 0);
    }

    /** A required component: AE with "required field missing" naming the field when it is empty. */
    public String require(int field, int component, String what) {
        String value = get(field, component);
        if (value == null) {
            throw MessageRejected.error(ErrorCode.REQUIRED_FIELD_MISSING, this, field, name() + "-" + field + " (" + what + ") is missing");
        }
        return value;
    }

    public MessageRejected rejectField(ErrorCode error, int field, String reason) {
        return MessageRejected.error(error, this, field, name() + "-" + field + " " + reason);
    }

    /** CE/CWE components: identifier^text^system^alternate identifier^alternate text^alternate system. */
    public record CodedValue(String code, String text, String system, String alternateCode, String alternateText,
            String alternateSystem) {
        public boolean isEmpty() {
            return code == null && text == null && alternateCode == null;
        }
    }
}
