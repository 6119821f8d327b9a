package org.ilsafety.interaction.patient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.ilsafety.interaction.patient.PatientFindingsFlowTest.awaitOpen;
import static org.ilsafety.interaction.patient.PatientFindingsFlowTest.today;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A patient merge (FHIR Patient.link, as hl7-gateway makes of ADT^A40) through the broker: a TNF blocker recorded under
 * one id and tocilizumab ordered under the other meet under the survivor, and a live vaccine sent later for the old id
 * is checked there; two current therapies of different products become a duplicate-therapy finding (issue 13).
 */
@QuarkusTest
class PatientMergeFlowTest {
    private static final Duration WAIT = PatientFindingsFlowTest.WAIT;

    @Test
    void aTnfBlockerUnderTheMergedAwayIdMeetsTheSurvivorsTocilizumabAndLaterEventsForTheOldIdFollow() {
        String old = "mrg-i1-old";
        String survivor = "mrg-i1-new";
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, old, PatientFixtures.medicationStatement(old, "ms-humira-" + old, 1, "Humira 40 mg pen", null, "active"));
            kafka.send(Topics.PATIENT_EVENTS, survivor,
                    FhirFixtures.medicationRequest(survivor, "mr-" + survivor, 1, "Actemra", "IV", "RA", "active", today(-30) + "T09:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/therapy", survivor).then().statusCode(200));
            awaitOpen(survivor);

            kafka.send(Topics.PATIENT_EVENTS, old, FhirFixtures.mergedPatient(old, "2", "replaced-by", survivor));
            awaitOpen(survivor, "BIOLOGIC_DMARD");
            awaitOpen(old);

            kafka.send(Topics.PATIENT_EVENTS, old, PatientFixtures.immunization(old, "imm-mmr-" + old, 1, "03", today(-1), "completed"));
            awaitOpen(survivor, "BIOLOGIC_DMARD", "LIVE_VACCINE");
            awaitOpen(old);
        }
    }

    @Test
    void twoCurrentTherapiesOfDifferentProductsBecomeADuplicateTherapyFindingUnderTheSurvivor() {
        String old = "mrg-i2-old";
        String survivor = "mrg-i2-new";
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, old, FhirFixtures.medicationRequest(old, "mr-" + old, 1, "Tyenne", "SC", "RA", "active", today(-20) + "T09:00:00Z"));
            kafka.send(Topics.PATIENT_EVENTS, survivor,
                    FhirFixtures.medicationRequest(survivor, "mr-" + survivor, 1, "Actemra", "IV", "RA", "active", today(-30) + "T09:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                given().get("/api/v1/patients/{id}/therapy", old).then().statusCode(200);
                given().get("/api/v1/patients/{id}/therapy", survivor).then().statusCode(200);
            });
            kafka.send(Topics.PATIENT_EVENTS, survivor, FhirFixtures.mergedPatient(survivor, "2", "replaces", old));
            awaitOpen(survivor, "DUPLICATE_THERAPY");
            given().get("/api/v1/patients/{id}/therapy", survivor).then().body("productId", equalTo("ACTEMRA"));
            given().get("/api/v1/patients/{id}/therapy", old).then().body("productId", equalTo("TYENNE"));
        }
    }
}
