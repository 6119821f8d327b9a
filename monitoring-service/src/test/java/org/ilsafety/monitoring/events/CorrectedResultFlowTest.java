package org.ilsafety.monitoring.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A corrected result is the next version of the same Observation (the FHIR path, and hl7-gateway's OBX-11 C since issue
 * 13): it replaces the stored value and is graded again, so a low ANC corrected to a normal one resolves its alert.
 */
@QuarkusTest
class CorrectedResultFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aLowAncCorrectedToANormalOneResolvesItsAlert() {
        String patient = "corr-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "anc-" + patient, 1, "751-8", 400, "/uL", null, "2026-11-10T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.analyte == 'ANC' }.status", equalTo("OPEN")));

            bus.fhir(patient, FhirFixtures.labObservation(patient, "anc-" + patient, 2, "751-8", 2500, "/uL", null, "2026-11-10T08:00:00Z")
                    .replace("\"status\":\"final\"", "\"status\":\"corrected\""));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.analyte == 'ANC' }.status", equalTo("RESOLVED")));
            given().get("/api/v1/patients/{id}/lab-results", patient).then()
                    .body("results.findAll { it.analyte == 'ANC' }", hasSize(1))
                    .body("results.find { it.analyte == 'ANC' }.value", equalTo(2500.0f));
        }
    }
}
