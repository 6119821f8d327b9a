package org.ilsafety.hl7.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.ilsafety.hl7.v2.MessageRejected;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/**
 * ADT^A08 (update patient information) and ADT^A31 (update person information): the Patient (MRN, birth date
 * PID-7, sex PID-8; no name or address: the suite needs none), each OBX as a vital-signs Observation (body
 * weight is LOINC 29463-7), each AL1 as an AllergyIntolerance.
 */
public final class PatientUpdateMapper implements MessageMapper {
    private static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    /** PID-8 (HL7 table 0001). */
    private static final Map<String, Enumerations.AdministrativeGender> SEX = Map.of(
            "M", Enumerations.AdministrativeGender.MALE, "F", Enumerations.AdministrativeGender.FEMALE,
            "O", Enumerations.AdministrativeGender.OTHER, "A", Enumerations.AdministrativeGender.OTHER,
            "U", Enumerations.AdministrativeGender.UNKNOWN, "N", Enumerations.AdministrativeGender.UNKNOWN);

    @Override
    public List<PatientEvent> map(MappingContext context) {
        V2Segment pid = context.message().first("PID")
                .orElseThrow(() -> MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "PID", 0, "PID segment is missing"));
        String patientId = context.patientKey(pid, 3);
        List<PatientEvent> events = new ArrayList<>();
        events.add(new PatientEvent(patientId, patient(context, pid, patientId)));
        DateTimeType recorded = context.message().first("EVN").map(evn -> V2Time.read(evn, 2, context.zone())).orElse(null);
        DateTimeType observed = recorded != null ? recorded : context.sentAt();
        for (V2Segment segment : context.message().segments()) {
            switch (segment.name()) {
                case "OBX" -> events.add(new PatientEvent(patientId,
                        ObservationMapper.map(context, segment, observed, patientId, "vital-signs")));
                case "AL1" -> events.add(new PatientEvent(patientId, allergy(context, segment, patientId)));
                default -> {
                    // PV1, NK1, DG1, IN1, Z-segments: nothing the suite reads from an ADT update
                }
            }
        }
        return events;
    }

    static Patient patient(MappingContext context, V2Segment pid, String patientId) {
        Patient patient = new Patient();
        patient.setId(patientId);
        patient.getMeta().setVersionId(context.messageVersion());
        patient.addIdentifier().setSystem(context.patientIdSystem()).setValue(patientId)
                .getType().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number"));
        DateTimeType birth = V2Time.read(pid, 7, context.zone());
        if (birth != null) {
            patient.getBirthDateElement().setValueAsString(birth.getValueAsString().substring(0, Math.min(10, birth.getValueAsString().length())));
        }
        String sex = pid.get(8, 1);
        if (sex != null) {
            Enumerations.AdministrativeGender gender = SEX.get(sex);
            if (gender == null) {
                throw pid.rejectField(ErrorCode.TABLE_VALUE_NOT_FOUND, 8, "is not a sex of HL7 table 0001");
            }
            patient.setGender(gender);
        }
        return patient;
    }

    private static AllergyIntolerance allergy(MappingContext context, V2Segment al1, String patientId) {
        AllergyIntolerance allergy = context.withId(new AllergyIntolerance(), al1);
        allergy.setPatient(MappingContext.patientReference(patientId));
        allergy.setClinicalStatus(new CodeableConcept(new Coding(ALLERGY_CLINICAL, "active", "Active")));
        String type = al1.get(2, 1);
        if (type != null) {
            switch (type) {
                case "DA" -> allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
                case "FA" -> allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.FOOD);
                case "EA", "AA", "PA", "LA", "MA", "MC" -> allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.ENVIRONMENT);
                default -> throw al1.rejectField(ErrorCode.TABLE_VALUE_NOT_FOUND, 2, "is not an allergen type of HL7 table 0127");
            }
        }
        V2Segment.CodedValue allergen = al1.coded(3);
        if (allergen.code() != null && allergen.system() == null && allergen.alternateCode() == null) {
            allergy.setCode(new CodeableConcept().setText(allergen.text() != null ? allergen.text() : allergen.code()));
        } else if (allergen.code() == null && allergen.text() != null) {
            allergy.setCode(new CodeableConcept().setText(allergen.text()));
        } else {
            allergy.setCode(CodeSystems.concept(al1, 3, 0, "allergen", CodeSystems.RXNORM, CodeSystems.NDC, CodeSystems.SNOMED));
        }
        String severity = al1.get(4, 1);
        if (severity != null) {
            allergy.setCriticality(switch (severity) {
                case "SV" -> AllergyIntolerance.AllergyIntoleranceCriticality.HIGH;
                case "MO", "MI" -> AllergyIntolerance.AllergyIntoleranceCriticality.LOW;
                case "U" -> AllergyIntolerance.AllergyIntoleranceCriticality.UNABLETOASSESS;
                default -> throw al1.rejectField(ErrorCode.TABLE_VALUE_NOT_FOUND, 4, "is not an allergy severity of HL7 table 0128");
            });
        }
        for (int i = 0; i < al1.repetitions(5); i++) {
            String reaction = al1.get(5, i, 1, 1);
            if (reaction != null) {
                allergy.addReaction().addManifestation().setText(reaction);
            }
        }
        DateTimeType identified = V2Time.read(al1, 6, context.zone());
        if (identified != null) {
            allergy.setOnset(identified);
        }
        return allergy;
    }
}
