package org.ilsafety.interaction.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.privacy.Pseudonymizer;
import org.ilsafety.common.security.Roles;
import org.ilsafety.interaction.cds.CdsServiceCatalog;
import org.ilsafety.interaction.cds.EhrRequests;
import org.ilsafety.interaction.patient.PatientFixtures;
import org.ilsafety.testsupport.DefaultTestCaller;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every kind of access leaves an audit row, read back as a pharmacist: a read of a patient's findings, an
 * interaction check, a CDS Hooks call (the EHR as subject, the hook instance as decision), refused
 * requests and a consumed event. Rows carry the patient's pseudonym, never the id.
 */
@QuarkusTest
class AuditTrailApiTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pseudonymizer pseudonyms;

    static List<Map<String, Object>> entries(String parameter, String value) {
        return given().header("Authorization", TestTokens.bearer("audit-reader", Roles.PHARMACIST))
                .queryParam(parameter, value).queryParam("size", 200).get("/api/v1/audit-events")
                .then().statusCode(200).extract().jsonPath().getList("entries");
    }

    static String raw(String parameter, String value) {
        return given().header("Authorization", TestTokens.bearer("audit-reader", Roles.PHARMACIST))
                .queryParam(parameter, value).queryParam("size", 200).get("/api/v1/audit-events").asString();
    }

    @Test
    void readsRefusalsAndConsumedEventsOfAPatientAreAuditedUnderThePseudonym() {
        String patient = "audit-" + UUID.randomUUID();
        String clinician = "audit-clinician-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(clinician, Roles.CLINICIAN))
                .get("/api/v1/patients/{id}/interaction-findings", patient).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("audit-dashboard", Roles.DASHBOARD))
                .get("/api/v1/patients/{id}/interaction-findings", patient).then().statusCode(403);
        given().header("Authorization", DefaultTestCaller.ANONYMOUS)
                .get("/api/v1/patients/{id}/interaction-findings", patient).then().statusCode(401);
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, patient, PatientFixtures.medicationStatement(patient, "ms-audit", 1, "Humira 40 mg pen", null, "active"));
        }
        String pseudonym = pseudonyms.of(patient);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = entries("patientId", patient);
            assertThat(rows).allSatisfy(row -> assertThat(row.get("patientPseudonym")).isEqualTo(pseudonym));
            assertThat(rows).anySatisfy(row -> assertThat(row).containsEntry("subject", clinician).containsEntry("roles", "clinician")
                    .containsEntry("channel", "REQUEST").containsEntry("action", "GET /api/v1/patients/{patientId}/interaction-findings")
                    .containsEntry("outcome", "HTTP 200"));
            assertThat(rows).anySatisfy(row -> assertThat(row).containsEntry("subject", "audit-dashboard").containsEntry("outcome", "HTTP 403"));
            assertThat(rows).anySatisfy(row -> assertThat(row).containsEntry("subject", "anonymous").containsEntry("outcome", "HTTP 401"));
            assertThat(rows).anySatisfy(row -> assertThat(row).containsEntry("channel", "EVENT").containsEntry("outcome", "APPLIED")
                    .satisfies(r -> assertThat((String) r.get("action")).contains(Topics.PATIENT_EVENTS)));
        });
        // Looked up by pseudonym too; the patient's id is nowhere in the trail.
        assertThat(entries("pseudonym", pseudonym)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(raw("patientId", patient)).doesNotContain(patient);
    }

    @Test
    void anInteractionCheckIsAudited() {
        String clinician = "audit-checker-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(clinician, Roles.CLINICIAN)).contentType(ContentType.JSON)
                .body(AccessMatrixApiTest.CHECK).post("/api/v1/interaction-checks").then().statusCode(200);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(entries("subject", clinician)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("action", "POST /api/v1/interaction-checks")
                        .containsEntry("roles", "clinician").containsEntry("outcome", "HTTP 200")));
    }

    @Test
    void aCdsHooksCallIsAuditedUnderTheEhrWithItsHookInstance() {
        String patient = "audit-cds-" + UUID.randomUUID();
        String hookInstance = UUID.randomUUID().toString();
        String path = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN;
        EhrRequests.given(path).contentType(ContentType.JSON).body("""
                {"hookInstance":"%s","hook":"order-sign","context":{"userId":"Practitioner/1","patientId":"%s",
                 "draftOrders":{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"MedicationRequest",
                  "id":"draft-humira","status":"draft","intent":"order","medicationCodeableConcept":{"text":"Humira"},"subject":{"reference":"Patient/%s"}}}]}},
                 "prefetch":{"medications":{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"MedicationStatement",
                  "id":"ms-actemra","status":"active","medicationCodeableConcept":{"text":"Actemra"},"subject":{"reference":"Patient/%s"}}}]},
                  "immunizations":{"resourceType":"Bundle","type":"collection"}}}
                """.formatted(hookInstance, patient, patient, patient)).post(path).then().statusCode(200);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(entries("subject", TestTokens.ehrIssuer() + "|local-ehr"))
                .anySatisfy(row -> assertThat(row).containsEntry("action", "POST /cds-services/{serviceId}")
                        .containsEntry("roles", "integration").containsEntry("outcome", "HTTP 200")
                        .containsEntry("target", "serviceId=" + CdsServiceCatalog.ORDER_SIGN + " decision=" + hookInstance)));
        assertThat(raw("subject", TestTokens.ehrIssuer() + "|local-ehr")).doesNotContain(patient);
        // the patient the hook's context names is audited by pseudonym
        assertThat(entries("patientId", patient)).anySatisfy(row -> assertThat(row).containsEntry("action", "POST /cds-services/{serviceId}"));
    }
}
