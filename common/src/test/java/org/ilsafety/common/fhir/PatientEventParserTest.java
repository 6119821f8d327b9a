package org.ilsafety.common.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.InboundEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatientEventParserTest {
    static final Fhir FHIR = new Fhir();
    static final PatientEventParser PARSER = new PatientEventParser(FHIR);
    static final String CANARY_NAME = "Zebediah Quartermaine";

    static ConsumerRecord<String, String> record(String key, String value) {
        return new ConsumerRecord<>("patient-events", 2, 41L, key, value);
    }

    static String observation(String subject, String meta) {
        return """
                {"resourceType":"Observation","id":"obs-1",%s"status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"751-8"}]},
                 "subject":{"reference":"%s"},"valueQuantity":{"value":800,"code":"/uL"}}
                """.formatted(meta, subject);
    }

    @Test
    void aValidObservationGivesItsPatientAndAVersionedIdempotencyKey() {
        InboundEvent<Resource> event = PARSER.parse(record("p-1", observation("Patient/p-1", "\"meta\":{\"versionId\":\"3\"},")));
        assertEquals("p-1", event.patientId());
        assertEquals("Observation", event.type());
        assertEquals("Observation/obs-1/_history/3", event.idempotencyKey());
    }

    @Test
    void withoutVersionIdTheContentDecidesTheKey() {
        String first = PARSER.parse(record("p-1", observation("Patient/p-1", ""))).idempotencyKey();
        String same = PARSER.parse(record("p-1", observation("Patient/p-1", ""))).idempotencyKey();
        String changed = PARSER.parse(record("p-1", observation("Patient/p-1", "").replace("800", "900"))).idempotencyKey();
        assertEquals(first, same, "a redelivery is recognised");
        assertFalse(first.equals(changed), "a changed resource is a new event");
        assertTrue(first.startsWith("Observation/obs-1/_history/sha256:"));
    }

    @Test
    void aPatientResourceBelongsToItself() {
        String patient = "{\"resourceType\":\"Patient\",\"id\":\"p-9\",\"meta\":{\"versionId\":\"1\"},\"name\":[{\"family\":\"%s\"}]}"
                .formatted(CANARY_NAME);
        assertEquals("p-9", PARSER.parse(record("p-9", patient)).patientId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "EMPTY_PAYLOAD             | p-1 | ' '",
            "NOT_FHIR_JSON             | p-1 | {not json",
            "NOT_FHIR_JSON             | p-1 | {\"resourceType\":\"NoSuchType\",\"id\":\"x\"}",
            "NOT_FHIR_JSON             | p-1 | {\"resourceType\":\"Observation\",\"id\":\"o\",\"status\":\"not-a-status\",\"subject\":{\"reference\":\"Patient/p-1\"}}",
            "MISSING_RESOURCE_ID       | p-1 | {\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/p-1\"}}",
            "MISSING_PATIENT_REFERENCE | p-1 | {\"resourceType\":\"Observation\",\"id\":\"o\",\"status\":\"final\"}",
            "MISSING_PATIENT_REFERENCE | p-1 | {\"resourceType\":\"Observation\",\"id\":\"o\",\"status\":\"final\",\"subject\":{\"reference\":\"Group/g-1\"}}",
            "KEY_MISMATCH              | p-2 | {\"resourceType\":\"Observation\",\"id\":\"o\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/p-1\"}}"
    })
    void everyKindOfBadRecordIsRejectedWithItsReasonCode(String code, String key, String payload) {
        EventRejected rejected = assertThrows(EventRejected.class, () -> PARSER.parse(record(key, payload)));
        assertEquals(code, rejected.reasonCode());
        assertFalse(rejected.getMessage().contains("p-1"), "the reason names no patient");
    }

    @Test
    void validFhirOfATypeNotUsedIsIgnoredWithItsReasonNotDeadLettered() {
        InboundEvent<Resource> event = PARSER.parse(record("p-1", "{\"resourceType\":\"Practitioner\",\"id\":\"dr-1\"}"));
        assertEquals("RESOURCE_TYPE_NOT_USED", event.ignoredBecause());
    }

    @Test
    void theReasonNeverQuotesTheInput() {
        String payload = "{\"resourceType\":\"Patient\",\"id\":\"p-1\",\"birthDate\":\"" + CANARY_NAME + "\"}";
        EventRejected rejected = assertThrows(EventRejected.class, () -> PARSER.parse(record("p-1", payload)));
        assertFalse(rejected.getMessage().contains(CANARY_NAME));
    }
}
