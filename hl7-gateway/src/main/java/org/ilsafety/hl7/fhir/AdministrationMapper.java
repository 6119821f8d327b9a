package org.ilsafety.hl7.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Period;
import org.ilsafety.hl7.v2.MessageRejected;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/**
 * RAS^O17 and RDS^O13 to MedicationAdministration, one per RXA: medicine RXA-5 (RxNorm or NDC), given dose
 * RXA-6 with units RXA-7, when RXA-3 (to RXA-4), route from the RXR that follows, status from RXA-20/21. A
 * dispense (RDS^O13's RXD) is not an administration: an RDS without RXA is refused with AE, not guessed.
 */
public final class AdministrationMapper implements MessageMapper {
    @Override
    public List<PatientEvent> map(MappingContext context) {
        List<PatientEvent> events = new ArrayList<>();
        List<V2Segment> segments = context.message().segments();
        for (int i = 0; i < segments.size(); i++) {
            V2Segment rxa = segments.get(i);
            if (!rxa.name().equals("RXA")) {
                continue;
            }
            String patientId = context.patientBefore(rxa.index());
            RxaCompletion completion = RxaCompletion.of(rxa);
            MedicationAdministration administration = context.withId(new MedicationAdministration(), rxa);
            administration.setStatus(switch (completion) {
                case COMPLETE, PARTIAL -> MedicationAdministration.MedicationAdministrationStatus.COMPLETED;
                case NOT_ADMINISTERED, REFUSED -> MedicationAdministration.MedicationAdministrationStatus.NOTDONE;
                case DELETED -> MedicationAdministration.MedicationAdministrationStatus.ENTEREDINERROR;
            });
            administration.setMedication(Medications.medicine(rxa, 5));
            administration.setSubject(MappingContext.patientReference(patientId));
            DateTimeType start = V2Time.read(rxa, 3, context.zone());
            if (start == null) {
                throw rxa.rejectField(ErrorCode.REQUIRED_FIELD_MISSING, 3, "(start of administration) is missing");
            }
            DateTimeType end = V2Time.read(rxa, 4, context.zone());
            if (end != null && !end.getValueAsString().equals(start.getValueAsString())) {
                administration.setEffective(new Period().setStartElement(start).setEndElement(end));
            } else {
                administration.setEffective(start);
            }
            MedicationAdministration.MedicationAdministrationDosageComponent dosage = administration.getDosage();
            String amount = rxa.get(6, 1);
            if (completion.given()) {
                if (amount == null) {
                    throw rxa.rejectField(ErrorCode.REQUIRED_FIELD_MISSING, 6, "(administered amount) is missing");
                }
                dosage.setDose(Quantities.withUnits(Quantities.number(rxa, 6, amount, "administered amount"), rxa, 7));
            }
            if (i + 1 < segments.size() && segments.get(i + 1).name().equals("RXR")) {
                dosage.setRoute(Medications.route(segments.get(i + 1)));
            }
            if (dosage.isEmpty()) {
                administration.setDosage(null);
            }
            events.add(new PatientEvent(patientId, administration));
        }
        if (events.isEmpty()) {
            throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "RXA", 0,
                    "The message has no RXA: the suite records administrations, not dispenses");
        }
        return events;
    }
}
