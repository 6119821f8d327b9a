package org.ilsafety.common.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.inbox.InboundEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which merges a Patient's links state (FHIR R4 Patient.link), and an input re-addressed to the survivor. */
class PatientMergeTest {
    static final Fhir FHIR = new Fhir();
    static final PatientEventParser PARSER = new PatientEventParser(FHIR);

    static Patient patient(String id, String linkType, String other) {
        return (Patient) FHIR.parse("""
                {"resourceType":"Patient","id":"%s","active":false,"link":[{"other":{"reference":"%s"},"type":"%s"}]}
                """.formatted(id, other, linkType));
    }

    @ParameterizedTest
    @CsvSource({
            "old, replaced-by, Patient/new, old, new",
            "new, replaces, Patient/old, old, new",
            "old, replaced-by, https://ehr.example.org/fhir/Patient/new/_history/3, old, new" })
    void replacedByAndReplacesStateTheSameMerge(String id, String type, String other, String merged, String surviving) {
        assertEquals(List.of(new PatientMerge(merged, surviving)), PatientMerge.of(patient(id, type, other)));
    }

    @ParameterizedTest
    @CsvSource({ "old, seealso, Patient/new", "old, refer, Patient/new", "old, replaced-by, Patient/old", "old, replaced-by, Practitioner/x" })
    void otherLinksAndLinksToItselfAreNoMerge(String id, String type, String other) {
        assertEquals(List.of(), PatientMerge.of(patient(id, type, other)));
    }

    @Test
    void anInputOfAMergedAwayIdIsReaddressedToTheSurvivorButAMergeItselfIsNot() {
        InboundEvent<Resource> lab = PARSER.parse(new ConsumerRecord<>("patient-events", 0, 1L, "old", """
                {"resourceType":"Observation","id":"o-1","meta":{"versionId":"1"},"status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"751-8"}]},"subject":{"reference":"Patient/old"},
                 "valueQuantity":{"value":1.2,"unit":"10*9/L"}}"""));
        InboundEvent<Resource> moved = PARSER.forSurvivor(lab, "new");
        assertEquals("new", moved.patientId());
        assertEquals("Patient/new", ((Observation) moved.body()).getSubject().getReference());
        assertEquals(lab.idempotencyKey(), moved.idempotencyKey(), "the same input: applied once");

        InboundEvent<Resource> merge = new InboundEvent<>("Patient/old/_history/2", "old", "Patient", patient("old", "replaced-by", "Patient/new"));
        assertSame(merge, PARSER.forSurvivor(merge, "new"));
    }
}
