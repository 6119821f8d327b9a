package org.ilsafety.monitoring.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A patient merge (FHIR Patient.link, as hl7-gateway makes of ADT^A40) through the broker: the merged-away patient's
 * therapy, lab history and open alert go on under the surviving id, later results addressed to the old id are graded
 * there, and two current therapies are both kept with a PATIENT_MERGE alert (issue 13).
 */
@QuarkusTest
class PatientMergeFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String ANC = "751-8";

    @Test
    void theMergedAwayPatientsTherapyLabsAndOpenAlertGoOnUnderTheSurvivorAndLaterResultsForTheOldIdFollow() {
        String old = "mrg-m1-old";
        String survivor = "mrg-m1-new";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(old, FhirFixtures.medicationRequest(old, "mr-" + old, 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            bus.fhir(old, MonitoringBus.firstDose(old, "Actemra", "2026-11-02T08:00:00Z"));
            bus.fhir(old, FhirFixtures.labObservation(old, "anc-1-" + old, 1, ANC, 0.4, "10*9/L", null, "2026-11-10T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", old).then()
                    .body("find { it.analyte == 'ANC' }.status", equalTo("OPEN")));

            bus.fhir(old, FhirFixtures.mergedPatient(old, "2", "replaced-by", survivor));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/therapy", survivor).then()
                    .statusCode(200).body("productId", equalTo("ACTEMRA")).body("status", equalTo("ACTIVE")));
            given().get("/api/v1/patients/{id}/alerts", survivor).then()
                    .body("find { it.analyte == 'ANC' }.status", equalTo("OPEN"))
                    .body("find { it.analyte == 'ANC' }.patientId", equalTo(survivor));
            given().get("/api/v1/patients/{id}/alerts", old).then().body("findAll { it.status != 'RESOLVED' }", empty());
            given().get("/api/v1/patients/{id}/lab-results", survivor).then().body("results.observationId", hasItem("anc-1-" + old));

            // a later result still addressed to the old id: graded under the survivor with the moved history, resolving the alert
            bus.fhir(old, FhirFixtures.labObservation(old, "anc-2-" + old, 1, ANC, 2.5, "10*9/L", null, "2026-11-17T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/lab-results", survivor).then()
                    .body("results.observationId", hasItem("anc-2-" + old)));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", survivor).then()
                    .body("find { it.analyte == 'ANC' }.status", equalTo("RESOLVED")));
            given().get("/api/v1/patients/{id}/lab-results", old).then().body("results", empty());

            // the survivor's own Patient states the same merge: nothing moves twice, and it says so
            bus.fhir(survivor, FhirFixtures.mergedPatient(survivor, "2", "replaces", old));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs", survivor).then()
                    .body("inputs.reason", hasItem("MERGE_ALREADY_APPLIED")));
        }
    }

    @Test
    void twoCurrentTherapiesAreBothKeptAndAReviewAlertIsRaised() {
        String old = "mrg-m2-old";
        String survivor = "mrg-m2-new";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(old, FhirFixtures.medicationRequest(old, "mr-" + old, 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            bus.fhir(survivor, FhirFixtures.medicationRequest(survivor, "mr-" + survivor, 1, "Kineret", "SC", "RA", "active", "2026-11-01"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                given().get("/api/v1/patients/{id}/therapy", old).then().statusCode(200);
                given().get("/api/v1/patients/{id}/therapy", survivor).then().statusCode(200);
            });
            bus.fhir(survivor, FhirFixtures.mergedPatient(survivor, "2", "replaces", old));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", survivor).then()
                    .body("find { it.type == 'PATIENT_MERGE' }.status", equalTo("OPEN"))
                    .body("find { it.type == 'PATIENT_MERGE' }.severity", equalTo("HIGH")));
            given().get("/api/v1/patients/{id}/alerts", survivor).then()
                    .body("find { it.type == 'PATIENT_MERGE' }.requiresIndividualReview", equalTo(true))
                    .body("find { it.type == 'PATIENT_MERGE' }.ruleId", equalTo("PATIENT_MERGE"));
            given().get("/api/v1/patients/{id}/therapy", survivor).then().body("productId", equalTo("KINERET"));
            given().get("/api/v1/patients/{id}/therapy", old).then().statusCode(200).body("productId", equalTo("ACTEMRA"));
        }
    }
}
