package org.ilsafety.hl7.fhir;

import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/** RXA-20 completion status (HL7 table 0322) and RXA-21 action code (table 0323). */
enum RxaCompletion {
    COMPLETE, PARTIAL, NOT_ADMINISTERED, REFUSED, DELETED;

    static RxaCompletion of(V2Segment rxa) {
        if ("D".equals(rxa.get(21, 1))) {
            return DELETED;
        }
        String status = rxa.get(20, 1);
        if (status == null) {
            return COMPLETE;
        }
        return switch (status) {
            case "CP" -> COMPLETE;
            case "PA" -> PARTIAL;
            case "NA" -> NOT_ADMINISTERED;
            case "RE" -> REFUSED;
            default -> throw rxa.rejectField(ErrorCode.TABLE_VALUE_NOT_FOUND, 20, "is not a completion status of HL7 table 0322");
        };
    }

    boolean given() {
        return this == COMPLETE || this == PARTIAL;
    }
}
