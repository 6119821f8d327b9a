package org.ilsafety.interaction.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.inbox.DeadLetterHeaders;
import org.ilsafety.interaction.cds.CdsServiceCatalog;
import org.ilsafety.interaction.cds.EhrRequests;
import org.ilsafety.interaction.patient.PatientFixtures;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.LogCapture;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A canary patient (recognisable id, name, MRN and birth date) goes through every interaction endpoint
 * (API and CDS Hooks, accepted and refused) and the patient-events topic, including records that are
 * dead-lettered: no log line and no dead-letter reason may carry any of those values.
 */
@QuarkusTest
class LogPrivacyFlowTest {
    private static final String PATIENT = "canary-4417";
    private static final String NAME = "Quixotic-Canary";
    private static final String MRN = "MRN-CANARY-90211";
    private static final String BIRTH_DATE = "1931-02-03";
    private static final List<String> CANARIES = List.of(PATIENT, NAME, MRN, BIRTH_DATE);

    private static void assertNoCanary(String where, String text) {
        for (String canary : CANARIES) {
            assertThat(text).as(where).doesNotContain(canary);
        }
    }

    @Test
    void theCanaryPatientNeverReachesALogOrADeadLetterReason() {
        LogCapture capture = LogCapture.start();
        try (capture; TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, PATIENT, """
                    {"resourceType":"Patient","id":"%s","meta":{"versionId":"1"},
                     "identifier":[{"system":"urn:oid:1.2.36.146.595.217.0.1","value":"%s"}],
                     "name":[{"family":"%s","given":["Zebulon"]}],"birthDate":"%s"}""".formatted(PATIENT, MRN, NAME, BIRTH_DATE));
            kafka.send(Topics.PATIENT_EVENTS, PATIENT, FhirFixtures.medicationRequest(PATIENT, "mr-log-canary", 1, "Actemra", "IV", "RA", "active",
                    "2026-11-01T09:00:00Z"));
            kafka.send(Topics.PATIENT_EVENTS, PATIENT, PatientFixtures.medicationStatement(PATIENT, "ms-log-canary", 1, "Humira 40 mg pen", null, "active"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                    .get("/api/v1/patients/{id}/interaction-findings", PATIENT).then().statusCode(200)
                    .body("findings.size()", org.hamcrest.Matchers.greaterThan(0)));
            // Then two records that can never be applied.
            kafka.send(Topics.PATIENT_EVENTS, PATIENT, PatientFixtures.immunization(PATIENT, "imm-log-canary", 1, "03", null, "completed"));
            kafka.send(Topics.PATIENT_EVENTS, PATIENT, "{\"resourceType\":\"Patient\",\"name\":\"" + NAME + "\", " + MRN);
            List<ConsumerRecord<String, String>> dead = kafka.await(Topics.deadLetter(Topics.PATIENT_EVENTS),
                    r -> PATIENT.equals(r.key()), 2, Duration.ofSeconds(40));
            assertThat(dead).as("the Immunization without a date and the broken record are dead-lettered").hasSize(2);
            for (ConsumerRecord<String, String> letter : dead) {
                assertNoCanary("a dead-letter reason", TestKafka.header(letter, DeadLetterHeaders.REASON));
            }

            // Every endpoint, accepted and refused.
            given().get("/api/v1/patients/{id}/interaction-findings?status=all", PATIENT).then().statusCode(200);
            given().get("/api/v1/patients/{id}/interaction-findings?status=" + BIRTH_DATE, PATIENT).then().statusCode(400);
            given().get("/api/v1/patients/{id}/therapy", PATIENT).then().statusCode(200);
            given().get("/api/v1/audit-events?patientId=" + PATIENT).then().statusCode(200);
            given().get("/api/v1/audit-events?from=" + NAME).then().statusCode(400);
            given().contentType(ContentType.JSON).body("""
                    {"therapy":{"drug":"tocilizumab","status":"ACTIVE"},"medications":[{"name":"%s"},{"rxnorm":"%s"}],
                     "immunizations":[{"name":"%s","date":"%s"}]}""".formatted(NAME, MRN, NAME, BIRTH_DATE))
                    .post("/api/v1/interaction-checks").then().statusCode(400);
            given().contentType(ContentType.JSON).body("""
                    {"therapy":{"drug":"tocilizumab","status":"ACTIVE"},"medications":[{"name":"%s"}],"immunizations":[{"name":"MMR","date":"%s"}]}"""
                    .formatted(NAME, BIRTH_DATE)).post("/api/v1/interaction-checks").then().statusCode(200);
            given().contentType(ContentType.JSON).body("{\"" + NAME + "\":\"" + BIRTH_DATE + "\"}").post("/api/v1/interaction-checks").then()
                    .statusCode(400);
            String sign = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN;
            String hook = """
                    {"hookInstance":"%s","hook":"order-sign","context":{"userId":"Practitioner/%s","patientId":"%s",
                     "draftOrders":{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"MedicationRequest",
                      "id":"draft-canary","status":"draft","intent":"order","medicationCodeableConcept":{"text":"Enbrel %s"},"subject":{"reference":"Patient/%s"}}}]}},
                     "prefetch":{"medications":{"resourceType":"Bundle","type":"collection"},"immunizations":{"resourceType":"Bundle","type":"collection"}}}""";
            EhrRequests.given(sign).contentType(ContentType.JSON).body(hook.formatted(java.util.UUID.randomUUID(), MRN, PATIENT, NAME, PATIENT))
                    .post(sign).then().statusCode(200);
            EhrRequests.given(sign).contentType(ContentType.JSON).body(hook.formatted(NAME, MRN, PATIENT, NAME, PATIENT).replace("\"order-sign\"",
                    "\"" + BIRTH_DATE + "\"")).post(sign).then().statusCode(400);
            EhrRequests.given(sign).contentType(ContentType.JSON).body(hook.formatted(NAME, MRN, PATIENT, NAME, PATIENT).replace(",\"immunizations\":{\"resourceType\":\"Bundle\",\"type\":\"collection\"}}}",
                    "}}")).post(sign).then().statusCode(412);
            EhrRequests.given(sign + "/feedback").contentType(ContentType.JSON)
                    .body("{\"feedback\":[{\"card\":\"" + NAME + "\",\"outcome\":\"" + MRN + "\",\"outcomeTimestamp\":\"" + BIRTH_DATE + "\"}]}")
                    .post(sign + "/feedback").then().statusCode(400);
            given().header("Authorization", "Bearer " + NAME + "." + MRN).get("/cds-services").then().statusCode(401);
        }
        assertThat(capture.lines()).as("the capture sees the service's log").anyMatch(line -> line.contains("Re-check of"));
        for (String line : capture.lines()) {
            assertNoCanary("a log line", line);
        }
    }
}
