package org.ilsafety.hl7.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.DateTimeType;
import org.ilsafety.hl7.v2.MessageRejected;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/**
 * ORU^R01: every OBX of every order of every patient to a laboratory Observation; an OBX of a numbered order keeps its
 * result's id across messages, so a correction (OBX-11 C) or the final after a preliminary is the same Observation's next
 * version.
 */
public final class ResultMapper implements MessageMapper {
    @Override
    public List<PatientEvent> map(MappingContext context) {
        List<PatientEvent> events = new ArrayList<>();
        String patientId = null;
        DateTimeType orderTime = null;
        V2Segment order = null;
        for (V2Segment segment : context.message().segments()) {
            switch (segment.name()) {
                case "PID" -> {
                    patientId = context.patientKey(segment, 3);
                    order = null;
                }
                case "OBR" -> {
                    order = segment;
                    orderTime = V2Time.read(segment, 7, context.zone());
                }
                case "OBX" -> {
                    if (patientId == null) {
                        throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "PID", 0, "PID segment is missing before OBX");
                    }
                    events.add(new PatientEvent(patientId, ObservationMapper.map(context, order, segment, orderTime, patientId, "laboratory")));
                }
                default -> {
                    // other segments (NTE, ORC, SPM, Z-segments) carry nothing the suite reads
                }
            }
        }
        if (events.isEmpty()) {
            throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "OBX", 0, "The message has no OBX result");
        }
        return events;
    }
}
