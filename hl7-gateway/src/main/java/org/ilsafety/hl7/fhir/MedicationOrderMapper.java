package org.ilsafety.hl7.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.ilsafety.hl7.v2.MessageRejected;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/**
 * RDE^O11 (pharmacy encoded order: RXE) and OMP^O09 (pharmacy order: RXO) to MedicationRequest, one per order
 * (ORC): medicine from RXE-2 or RXO-1, dose RXE-3/5 or RXO-2/4, routes from the order's RXR, reasons from
 * RXE-27, RXO-20 and the message's DG1-3, status from ORC-1 (order control), authored at ORC-9 or MSH-7.
 */
public final class MedicationOrderMapper implements MessageMapper {
    /** ORC-1 (HL7 table 0119) to MedicationRequest.status. */
    private static final Map<String, MedicationRequest.MedicationRequestStatus> ORDER_CONTROL = Map.ofEntries(
            Map.entry("NW", MedicationRequest.MedicationRequestStatus.ACTIVE),
            Map.entry("OK", MedicationRequest.MedicationRequestStatus.ACTIVE),
            Map.entry("XO", MedicationRequest.MedicationRequestStatus.ACTIVE),
            Map.entry("XX", MedicationRequest.MedicationRequestStatus.ACTIVE),
            Map.entry("RL", MedicationRequest.MedicationRequestStatus.ACTIVE),
            Map.entry("RE", MedicationRequest.MedicationRequestStatus.ACTIVE),
            Map.entry("SC", MedicationRequest.MedicationRequestStatus.ACTIVE),
            Map.entry("HD", MedicationRequest.MedicationRequestStatus.ONHOLD),
            Map.entry("OH", MedicationRequest.MedicationRequestStatus.ONHOLD),
            Map.entry("CA", MedicationRequest.MedicationRequestStatus.CANCELLED),
            Map.entry("OC", MedicationRequest.MedicationRequestStatus.CANCELLED),
            Map.entry("CR", MedicationRequest.MedicationRequestStatus.CANCELLED),
            Map.entry("DC", MedicationRequest.MedicationRequestStatus.STOPPED),
            Map.entry("OD", MedicationRequest.MedicationRequestStatus.STOPPED),
            Map.entry("DR", MedicationRequest.MedicationRequestStatus.STOPPED));

    /** RXE (RDE^O11) or RXO (OMP^O09): the segment that carries the ordered medicine. */
    private final String orderSegment;

    private MedicationOrderMapper(String orderSegment) {
        this.orderSegment = orderSegment;
    }

    public static MedicationOrderMapper encodedOrders() {
        return new MedicationOrderMapper("RXE");
    }

    public static MedicationOrderMapper orders() {
        return new MedicationOrderMapper("RXO");
    }

    @Override
    public List<PatientEvent> map(MappingContext context) {
        List<CodeableConcept> diagnoses = new ArrayList<>();
        for (V2Segment dg1 : context.message().named("DG1")) {
            diagnoses.add(Medications.reason(dg1, 3, 0));
        }
        List<PatientEvent> events = new ArrayList<>();
        Order order = null;
        for (V2Segment segment : context.message().segments()) {
            switch (segment.name()) {
                case "ORC" -> {
                    if (order != null) {
                        events.add(order.toEvent(context, diagnoses));
                    }
                    order = new Order(segment);
                }
                case "RXO", "RXE", "RXR" -> {
                    if (order == null) {
                        throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, segment, 0, segment.name() + " comes before any ORC");
                    }
                    order.add(segment);
                }
                default -> {
                    // PID, PV1, AL1, NTE, TQ1, RXC, OBX, Z-segments: nothing the order carries for the suite
                }
            }
        }
        if (order != null) {
            events.add(order.toEvent(context, diagnoses));
        }
        if (events.isEmpty()) {
            throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "ORC", 0, "The message has no order (ORC with " + orderSegment + ")");
        }
        return events;
    }

    private final class Order {
        private final V2Segment orc;
        private V2Segment rxo;
        private V2Segment rxe;
        private final List<V2Segment> routes = new ArrayList<>();

        Order(V2Segment orc) {
            this.orc = orc;
        }

        void add(V2Segment segment) {
            switch (segment.name()) {
                case "RXO" -> rxo = segment;
                case "RXE" -> rxe = segment;
                default -> routes.add(segment);
            }
        }

        PatientEvent toEvent(MappingContext context, List<CodeableConcept> diagnoses) {
            V2Segment medicineSegment = "RXE".equals(orderSegment) ? rxe : rxo;
            if (medicineSegment == null) {
                throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, orc, 0,
                        "ORC" + (orc.repetition() > 1 ? "[" + orc.repetition() + "]" : "") + " has no " + orderSegment);
            }
            String patientId = context.patientBefore(orc.index());
            MedicationRequest request = context.withId(new MedicationRequest(), medicineSegment);
            request.setStatus(status());
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            boolean encoded = medicineSegment == rxe;
            request.setMedication(Medications.medicine(medicineSegment, encoded ? 2 : 1));
            request.setSubject(MappingContext.patientReference(patientId));
            DateTimeType authored = V2Time.read(orc, 9, context.zone());
            request.setAuthoredOnElement(authored != null ? authored : context.sentAt());
            Dosage dosage = new Dosage();
            dose(medicineSegment, encoded ? 3 : 2, encoded ? 5 : 4, dosage);
            for (V2Segment rxr : routes) {
                dosage.setRoute(Medications.route(rxr));
            }
            if (!dosage.isEmpty()) {
                request.addDosageInstruction(dosage);
            }
            reasons(medicineSegment, encoded ? 27 : 20, request);
            if (encoded && rxo != null) {
                reasons(rxo, 20, request);
            }
            diagnoses.forEach(reason -> request.addReasonCode(reason.copy()));
            return new PatientEvent(patientId, request);
        }

        private MedicationRequest.MedicationRequestStatus status() {
            String control = orc.require(1, 1, "order control");
            MedicationRequest.MedicationRequestStatus status = ORDER_CONTROL.get(control);
            if (status == null) {
                throw orc.rejectField(ErrorCode.TABLE_VALUE_NOT_FOUND, 1, "is not an order control code of HL7 table 0119 the gateway maps");
            }
            return status;
        }

        private static void dose(V2Segment segment, int amountField, int unitsField, Dosage dosage) {
            String amount = segment.get(amountField, 1);
            if (amount == null) {
                return;
            }
            Quantity dose = Quantities.withUnits(Quantities.number(segment, amountField, amount, "dose amount"), segment, unitsField);
            dosage.addDoseAndRate().setDose(dose);
        }

        private static void reasons(V2Segment segment, int field, MedicationRequest request) {
            for (int i = 0; i < segment.repetitions(field); i++) {
                if (!segment.coded(field, i).isEmpty()) {
                    request.addReasonCode(Medications.reason(segment, field, i));
                }
            }
        }
    }
}
