package org.ilsafety.dosing.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.inbox.DeadLetterHeaders;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.LogCapture;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A canary patient (recognisable id, name, MRN, birth date and weight) goes through every dosing endpoint
 * and the patient-events topic, including refusals and a poison record; no log line, problem answer or
 * dead-letter reason may carry any of those values.
 */
@QuarkusTest
class LogPrivacyFlowTest {
    private static final String PATIENT = "canary-7731";
    private static final String NAME = "Quixotic-Canary";
    private static final String MRN = "MRN-CANARY-55821";
    private static final String BIRTH_DATE = "1931-02-03";
    private static final String WEIGHT = "73.19";
    private static final List<String> CANARIES = List.of(PATIENT, NAME, MRN, BIRTH_DATE, WEIGHT);

    private static void assertNoCanary(String where, String text) {
        for (String canary : CANARIES) {
            assertFalse(text.contains(canary), where + " holds the canary value " + canary + ": " + text);
        }
    }

    @Test
    void theCanaryPatientNeverReachesALogAProblemOrADeadLetterReason() {
        LogCapture capture = LogCapture.start();
        try (capture; TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            String plan = "/api/v1/patients/" + PATIENT + "/therapy-plan";
            kafka.send(Topics.PATIENT_EVENTS, PATIENT, """
                    {"resourceType":"Patient","id":"%s","meta":{"versionId":"1"},
                     "identifier":[{"system":"urn:oid:1.2.36.146.595.217.0.1","value":"%s"}],
                     "name":[{"family":"%s","given":["Zebulon"]}],"birthDate":"%s"}""".formatted(PATIENT, MRN, NAME, BIRTH_DATE));
            kafka.send(Topics.PATIENT_EVENTS, PATIENT,
                    FhirFixtures.medicationRequest(PATIENT, "mr-canary-1", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            kafka.send(Topics.PATIENT_EVENTS, PATIENT,
                    FhirFixtures.labObservation(PATIENT, "wt-canary-1", 1, "29463-7", Double.parseDouble(WEIGHT), "kg", null, "2026-11-01T08:00:00Z"));
            kafka.send(Topics.PATIENT_EVENTS, PATIENT,
                    FhirFixtures.labObservation(PATIENT, "wt-canary-2", 1, "29463-7", Double.parseDouble(WEIGHT), "stone", null, "2026-11-02T08:00:00Z"));
            kafka.send(Topics.PATIENT_EVENTS, PATIENT, "{\"resourceType\":\"Patient\",\"name\":\"" + NAME + "\", " + MRN);
            List<ConsumerRecord<String, String>> dead = kafka.await(Topics.deadLetter(Topics.PATIENT_EVENTS),
                    r -> PATIENT.equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals(2, dead.size(), "the unknown unit and the broken record are dead-lettered");
            for (ConsumerRecord<String, String> letter : dead) {
                assertNoCanary("a dead-letter reason", TestKafka.header(letter, DeadLetterHeaders.REASON));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> given().when().get(plan).statusCode() == 200);

            // Every endpoint, accepted and refused; the refusals quote none of the values sent.
            given().when().get(plan).then().statusCode(200);
            given().contentType(ContentType.JSON).body("{\"id\":\"canary-dose-1\",\"administeredAt\":\"2026-11-20T08:00:00Z\",\"doseMg\":" + WEIGHT + "}")
                    .when().post(plan + "/administrations").then().statusCode(200);
            given().contentType(ContentType.JSON).body("{\"outcome\":\"RESUME\"}").when().post(plan + "/review").then().statusCode(oneOf(200, 422));
            String[] refused = {
                    given().contentType(ContentType.JSON).body("{\"product\":\"" + MRN + "\",\"indication\":\"RA\",\"route\":\"IV\","
                            + "\"weight\":{\"value\":" + WEIGHT + ",\"unit\":\"kg\"},\"ageYears\":55}")
                            .when().post("/api/v1/dose-calculations").then().statusCode(400).extract().asString(),
                    given().contentType(ContentType.JSON).body("{\"product\":\"ACTEMRA\",\"indication\":\"" + NAME + " " + BIRTH_DATE
                            + "\",\"route\":\"IV\",\"weight\":{\"value\":" + WEIGHT + ",\"unit\":\"kg\"},\"ageYears\":55}")
                            .when().post(plan).then().statusCode(400).extract().asString(),
                    given().contentType(ContentType.JSON).body("{\"id\":\"" + NAME + " " + MRN + "\",\"doseMg\":\"" + WEIGHT + "x\"}")
                            .when().post(plan + "/administrations").then().statusCode(400).extract().asString() };
            // An unknown field is named in its problem (the caller's own text), but never logged.
            given().contentType(ContentType.JSON).body("{\"" + NAME + "\":\"" + BIRTH_DATE + "\"}").when().post(plan + "/review").then()
                    .statusCode(400);
            for (String problem : refused) {
                assertNoCanary("a problem answer", problem.replace(PATIENT, ""));
            }
            given().when().get("/api/v1/audit-events?patientId=" + PATIENT).then().statusCode(200);
        }
        assertTrue(capture.lines().stream().anyMatch(line -> line.contains("Dead-lettered")), "the capture sees the service's log");
        for (String line : capture.lines()) {
            assertNoCanary("a log line", line);
        }
    }
}
