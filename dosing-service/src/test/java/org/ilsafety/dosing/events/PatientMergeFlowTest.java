package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A patient merge (FHIR Patient.link, as hl7-gateway makes of ADT^A40) through the broker: the merged-away patient's plan
 * and weight go on under the surviving id and are published there, a dose sent later for the old id counts on it; two
 * current plans are both kept and flagged for review (issue 13).
 */
@QuarkusTest
class PatientMergeFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theMergedAwayPlanGoesOnUnderTheSurvivorAndADoseForTheOldIdCountsOnIt() {
        String old = "mrg-d1-old";
        String survivor = "mrg-d1-new";
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, old, FhirFixtures.labObservation(old, "wt-" + old, 1, "29463-7", 70, "kg", null, "2026-11-01T08:00:00Z"));
            kafka.send(Topics.PATIENT_EVENTS, old, FhirFixtures.medicationRequest(old, "mr-" + old, 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/therapy-plan", old).then().statusCode(200));

            kafka.send(Topics.PATIENT_EVENTS, old, FhirFixtures.mergedPatient(old, "2", "replaced-by", survivor));
            List<ConsumerRecord<String, String>> published = kafka.await(Topics.THERAPY_PLAN_EVENTS,
                    r -> survivor.equals(r.key()) && r.value().contains("patient merged"), 1, WAIT);
            assertEquals(1, published.size(), "the moved plan is published under the survivor's id");
            given().get("/api/v1/patients/{id}/therapy-plan", survivor).then().statusCode(200)
                    .body("productId", equalTo("ACTEMRA"))
                    .body("status", equalTo("ACTIVE"))
                    .body("dosingWeightKg", equalTo(70.0f))
                    .body("history.reason", hasItem(startsWith("patient merged")));
            given().get("/api/v1/patients/{id}/therapy-plan", old).then().statusCode(404);

            kafka.send(Topics.PATIENT_EVENTS, old, FhirFixtures.medicationAdministration(old, "ma-" + old, "Actemra", 560, "2026-11-03T09:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/therapy-plan", survivor).then()
                    .body("administrations", hasSize(1)));
        }
    }

    @Test
    void twoCurrentPlansAreBothKeptAndFlaggedForReview() {
        String old = "mrg-d2-old";
        String survivor = "mrg-d2-new";
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, old, FhirFixtures.medicationRequest(old, "mr-" + old, 1, "Tyenne", "SC", "RA", "active", "2026-11-01"));
            kafka.send(Topics.PATIENT_EVENTS, survivor, FhirFixtures.medicationRequest(survivor, "mr-" + survivor, 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                given().get("/api/v1/patients/{id}/therapy-plan", old).then().statusCode(200);
                given().get("/api/v1/patients/{id}/therapy-plan", survivor).then().statusCode(200);
            });
            kafka.send(Topics.PATIENT_EVENTS, survivor, FhirFixtures.mergedPatient(survivor, "2", "replaces", old));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/therapy-plan", survivor).then()
                    .body("reviewRequired", equalTo(true))
                    .body("productId", equalTo("ACTEMRA"))
                    .body("history.reason", hasItem(startsWith("review: patient merged, and both records have a current plan"))));
            given().get("/api/v1/patients/{id}/therapy-plan", old).then()
                    .body("reviewRequired", equalTo(true))
                    .body("productId", equalTo("TYENNE"));
        }
    }
}
