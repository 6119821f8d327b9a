package org.ilsafety.hl7.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.ilsafety.hl7.v2.MessageRejected;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/**
 * ADT^A40 (merge patient, patient identifier list): for each PID/MRG pair, the surviving Patient (PID-3) with
 * {@code link replaces} the prior one, and the prior Patient (MRG-1) inactive with {@code link replaced-by}
 * the survivor; each keyed by its own id. What the services do with it is in the README.
 */
public final class PatientMergeMapper implements MessageMapper {
    @Override
    public List<PatientEvent> map(MappingContext context) {
        List<PatientEvent> events = new ArrayList<>();
        V2Segment pid = null;
        for (V2Segment segment : context.message().segments()) {
            if (segment.name().equals("PID")) {
                pid = segment;
            } else if (segment.name().equals("MRG")) {
                if (pid == null) {
                    throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, segment, 0, "MRG comes before its PID");
                }
                String survivor = context.patientKey(pid, 3);
                String prior = context.patientKey(segment, 1);
                if (survivor.equals(prior)) {
                    throw segment.rejectField(ErrorCode.DATA_TYPE_ERROR, 1, "names the same patient as PID-3");
                }
                Patient surviving = PatientUpdateMapper.patient(context, pid, survivor);
                surviving.setActive(true);
                surviving.addLink().setType(Patient.LinkType.REPLACES).setOther(new Reference("Patient/" + prior));
                Patient replaced = new Patient();
                replaced.setId(prior);
                replaced.getMeta().setVersionId(context.messageVersion());
                replaced.addIdentifier().setSystem(context.patientIdSystem()).setValue(prior);
                replaced.setActive(false);
                replaced.addLink().setType(Patient.LinkType.REPLACEDBY).setOther(new Reference("Patient/" + survivor));
                events.add(new PatientEvent(survivor, surviving));
                events.add(new PatientEvent(prior, replaced));
                pid = null;
            }
        }
        if (events.isEmpty()) {
            throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "MRG", 0, "The message has no PID/MRG pair");
        }
        return events;
    }
}
