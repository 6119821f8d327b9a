package org.ilsafety.monitoring.infection;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 item 6, through the broker: an ICD-10-CM coded infection Condition (before, only 11 exact SNOMED CT codes
 * matched) stops the therapy with its drug's serious-infection message; a sequela (B90-B94) is not an infection.
 */
@QuarkusTest
class InfectionValueSetFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static String icdCondition(String patientId, String id, String icd10cm) {
        return """
                {"resourceType":"Condition","id":"%s","meta":{"versionId":"1"},
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                 "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},
                 "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"%s"}]},
                 "subject":{"reference":"Patient/%s"}}
                """.formatted(id, icd10cm, patientId);
    }

    @ParameterizedTest(name = "{1} with ICD-10-CM {3} (after a sequela B90.9) -> {4}: {5}")
    @CsvSource({
            "inf-icd-actemra, Actemra, IV, J18.9, INTERRUPT, interrupt until the infection is controlled",
            "inf-icd-tyenne,  Tyenne,  SC, L03.115, INTERRUPT, interrupt until the infection is controlled",
            "inf-icd-kineret, Kineret, SC, A41.9, INTERRUPT, discontinue Kineret",
    })
    void anIcd10CmInfectionStopsTheTherapyWithItsDrugsRule(String patient, String product, String route, String icd10cm, String action,
            String message) {
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, product, route, "RA", "active", "2026-11-01"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, product, "2026-11-02T08:00:00Z")); // on therapy: an infection interrupts
            bus.fhir(patient, icdCondition(patient, "sequela-" + patient, "B90.9"));
            bus.fhir(patient, icdCondition(patient, "infection-" + patient, icd10cm));
            MonitoringEvent decision = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals(action, decision.action());
            assertEquals("INFECTION", decision.analyte());
            assertTrue(decision.message().contains(message), decision.message());
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                    bus.all(patient, MonitoringEvent.TYPE_DECISION).size() == 1);
            List<MonitoringEvent> all = bus.all(patient, MonitoringEvent.TYPE_DECISION);
            assertEquals(1, all.size(), "the sequela B90.9 is not an infection");
        }
    }
}
