package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Through the broker and PostgreSQL: a recorded AllergyIntolerance to the plan's drug (or to E. coli-derived proteins
 * for Kineret) blocks the plan before the first dose and holds it for review after doses; entered in error lifts the
 * block (issue 19, the labels' contraindications).
 */
@QuarkusTest
class AllergyBlockFlowTest extends PlanFlowTestBase {
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String RULE = "plan.allergy.contraindicated";

    static String allergy(String patient, String id, int version, String system, String code, String text, String clinical, String verification) {
        return FhirFixtures.patientContext(true, patient, id, version, system, code, text, clinical, verification);
    }

    @Test
    void anAllergyToTheDrugBlocksTheStartAndEnteredInErrorLiftsIt() {
        String patient = "allergy-block-" + System.nanoTime();
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-ab", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
        awaitPlan(patient, "status", "ACTIVE");
        kafka.send(Topics.PATIENT_EVENTS, patient, allergy(patient, "al-tcz", 1, RXNORM, "612865", "tocilizumab", "active", "confirmed"));
        awaitPlan(patient, "startBlocked", true);
        JsonPath blocked = plan(patient);
        assertEquals(List.of("ALLERGY"), blocked.getList("blockedFor"));
        assertEquals(RULE, blocked.getString("history[-1].ruleId"));
        assertTrue(blocked.getString("history[-1].reason").contains("AllergyIntolerance/al-tcz"), blocked.getString("history[-1].reason"));
        assertTrue(blocked.getString("history[-1].reason").contains("tocilizumab.hypersensitivity"), "the interaction rule it follows");
        assertTrue(blocked.getString("history[-1].knowledgeVersion").startsWith("2026.11."));

        // monitoring's RESUME (its own causes cleared) does not lift an allergy's block.
        monitoring.decision(patient, "DO_NOT_START", "ANC", false);
        awaitPlan(patient, "blockedFor", List.of("ALLERGY", "ANC"));
        monitoring.decision(patient, "RESUME", "ANC", false);
        awaitPlan(patient, "blockedFor", List.of("ALLERGY"));
        assertTrue(plan(patient).getBoolean("startBlocked"));

        // The allergy entered in error: the block is lifted.
        kafka.send(Topics.PATIENT_EVENTS, patient, allergy(patient, "al-tcz", 2, RXNORM, "612865", "tocilizumab", "active", "entered-in-error"));
        awaitPlan(patient, "startBlocked", false);
        assertEquals(RULE, plan(patient).getString("history[-1].ruleId"));
    }

    @Test
    void anEColiProteinAllergyRecordedBeforeAKineretOrderBlocksItsStartAndAnUnrelatedAllergyDoesNot() {
        String patient = "allergy-ecoli-" + System.nanoTime();
        kafka.send(Topics.PATIENT_EVENTS, patient, allergy(patient, "al-pcn", 1, RXNORM, "7980", "penicillin G", "active", "confirmed"));
        kafka.send(Topics.PATIENT_EVENTS, patient, allergy(patient, "al-ecoli", 1, null, null, "Escherichia coli derived proteins", "active", "confirmed"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-k", 1, "Kineret", "SC", "RA", "active", "2026-11-01"));
        awaitPlan(patient, "startBlocked", true);
        assertTrue(plan(patient).getString("history[-1].reason").contains("AllergyIntolerance/al-ecoli (allergy to ECOLI_PROTEINS)"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs", patient).then()
                .body("inputs.findAll { it.resourceType == 'AllergyIntolerance' }.outcome", containsInAnyOrder("APPLIED", "APPLIED")));
        // Resolved: the start is no longer blocked.
        kafka.send(Topics.PATIENT_EVENTS, patient, allergy(patient, "al-ecoli", 2, null, null, "Escherichia coli derived proteins", "resolved",
                "confirmed"));
        awaitPlan(patient, "startBlocked", false);
    }

    @Test
    void anAllergyRecordedAfterDosesHoldsThePlanForReview() {
        String patient = "allergy-hold-" + System.nanoTime();
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-h", 1, "Kineret", "SC", "RA", "active", "2026-11-01"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationAdministration(patient, "ma-h1", "Kineret", 100, "2026-11-02T09:00:00Z"));
        awaitPlan(patient, "dosesGiven", 1);
        kafka.send(Topics.PATIENT_EVENTS, patient, allergy(patient, "al-k", 1, null, null, "Kineret", "active", "confirmed"));
        awaitPlan(patient, "status", "INTERRUPTED");
        JsonPath held = plan(patient);
        assertTrue(held.getBoolean("reviewRequired"));
        assertEquals(List.of("ALLERGY"), held.getList("interruptedFor"));
        assertEquals("INTERRUPTED", held.getString("history[-1].change"));
        assertEquals(RULE, held.getString("history[-1].ruleId"));
        // Entered in error: the cause is gone, the hold waits for the clinician's review (never resumed by itself).
        kafka.send(Topics.PATIENT_EVENTS, patient, allergy(patient, "al-k", 2, null, null, "Kineret", "active", "entered-in-error"));
        awaitPlan(patient, "interruptedFor", List.of());
        JsonPath after = plan(patient);
        assertEquals("INTERRUPTED", after.getString("status"));
        assertTrue(after.getBoolean("reviewRequired"));
        given().contentType(io.restassured.http.ContentType.JSON).body("{\"outcome\":\"RESUME\"}")
                .when().post("/api/v1/patients/" + patient + "/therapy-plan/review").then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aPrescribersRestStartIsBlockedByAnAllergyRecordedOnTheBus() {
        String patient = "allergy-rest-" + System.nanoTime();
        kafka.send(Topics.PATIENT_EVENTS, patient, allergy(patient, "al-r", 1, "http://hl7.org/fhir/sid/ndc", "50242-0136-01", "Actemra vial",
                "active", "unconfirmed"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs", patient).then()
                .body("inputs.find { it.resourceType == 'AllergyIntolerance' }.outcome", equalTo("APPLIED")));
        given().contentType(io.restassured.http.ContentType.JSON).body("""
                {"product":"TYENNE","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":50}
                """).when().post("/api/v1/patients/" + patient + "/therapy-plan").then().statusCode(201)
                .body("startBlocked", equalTo(true)).body("blockedFor", equalTo(List.of("ALLERGY")))
                .body("history[-1].ruleId", equalTo(RULE));
    }
}
