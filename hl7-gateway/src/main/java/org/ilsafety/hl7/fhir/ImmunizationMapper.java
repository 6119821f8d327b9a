package org.ilsafety.hl7.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.ilsafety.hl7.v2.MessageRejected;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/**
 * VXU^V04 to Immunization, one per RXA: vaccine RXA-5 (CVX, or NDC), given at RXA-3, dose RXA-6/7 (999 means
 * unknown), lot RXA-15, status from RXA-20 (CP/PA completed, RE/NA not-done) and RXA-21 (D entered-in-error),
 * route from the RXR that follows.
 */
public final class ImmunizationMapper implements MessageMapper {
    private static final String UNKNOWN_AMOUNT = "999";

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
            Immunization immunization = context.withId(new Immunization(), rxa);
            immunization.setStatus(switch (completion) {
                case COMPLETE, PARTIAL -> Immunization.ImmunizationStatus.COMPLETED;
                case NOT_ADMINISTERED, REFUSED -> Immunization.ImmunizationStatus.NOTDONE;
                case DELETED -> Immunization.ImmunizationStatus.ENTEREDINERROR;
            });
            immunization.setVaccineCode(CodeSystems.concept(rxa, 5, 0, "vaccine", CodeSystems.CVX, CodeSystems.NDC));
            immunization.setPatient(MappingContext.patientReference(patientId));
            DateTimeType given = V2Time.read(rxa, 3, context.zone());
            if (given == null) {
                throw rxa.rejectField(ErrorCode.REQUIRED_FIELD_MISSING, 3, "(date/time of administration) is missing");
            }
            immunization.setOccurrence(given);
            String amount = rxa.get(6, 1);
            if (completion.given() && amount != null && !UNKNOWN_AMOUNT.equals(amount)) {
                immunization.setDoseQuantity(Quantities.withUnits(Quantities.number(rxa, 6, amount, "administered amount"), rxa, 7));
            }
            String lot = rxa.get(15, 1);
            if (lot != null) {
                immunization.setLotNumber(lot);
            }
            if (completion == RxaCompletion.REFUSED) {
                immunization.getStatusReason().addCoding()
                        .setSystem("http://terminology.hl7.org/CodeSystem/v3-ActReason").setCode("PATOBJ").setDisplay("patient objection");
            }
            if (i + 1 < segments.size() && segments.get(i + 1).name().equals("RXR")) {
                immunization.setRoute(Medications.route(segments.get(i + 1)));
            }
            events.add(new PatientEvent(patientId, immunization));
        }
        if (events.isEmpty()) {
            throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "RXA", 0, "The message has no RXA");
        }
        return events;
    }
}
