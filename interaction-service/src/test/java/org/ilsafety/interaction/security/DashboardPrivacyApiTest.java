package org.ilsafety.interaction.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.security.Roles;
import org.ilsafety.interaction.patient.PatientFixtures;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A dashboard token reads no patient endpoint (403), and nothing it may read shows a patient's id, name or
 * birth date, even right after that patient's data went through the service.
 */
@QuarkusTest
class DashboardPrivacyApiTest {
    static final String NAME = "Zebedee Canarywing";
    static final String BIRTH_DATE = "1931-02-03";

    @Test
    void aDashboardGetsNoPatientEndpointAndSeesNoPatientDetail() {
        String patient = "MRN-CANARY-" + UUID.randomUUID();
        String dashboard = TestTokens.bearer("privacy-dashboard", Roles.DASHBOARD);
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, patient, """
                    {"resourceType":"Patient","id":"%s","meta":{"versionId":"1"},"name":[{"text":"%s"}],"birthDate":"%s"}
                    """.formatted(patient, NAME, BIRTH_DATE));
            kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-dashboard-" + patient, 1, "Actemra", "IV", "RA", "active",
                    "2026-11-01T09:00:00Z"));
            kafka.send(Topics.PATIENT_EVENTS, patient, PatientFixtures.medicationStatement(patient, "ms-dashboard-" + patient, 1, "Humira 40 mg pen", null, "active"));
        }
        // The data went through: a clinician sees the finding.
        Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("privacy-clinician", Roles.CLINICIAN))
                .get("/api/v1/patients/{id}/interaction-findings", patient).then().statusCode(200)
                .body("findings.size()", org.hamcrest.Matchers.greaterThan(0)));

        for (String path : List.of("/api/v1/patients/{id}/interaction-findings", "/api/v1/patients/{id}/therapy",
                "/api/v1/audit-events?patientId={id}")) {
            given().header("Authorization", dashboard).get(path, patient).then().statusCode(403);
        }
        given().header("Authorization", dashboard).contentType(ContentType.JSON).body(AccessMatrixApiTest.CHECK)
                .post("/api/v1/interaction-checks").then().statusCode(403);

        for (String path : List.of("/api/v1/interaction-knowledge", "/q/health", "/q/metrics", "/q/openapi")) {
            String body = given().header("Authorization", dashboard).get(path).then().statusCode(200).extract().asString();
            assertThat(body).as(path).doesNotContain(patient).doesNotContain(NAME).doesNotContain("Canarywing").doesNotContain(BIRTH_DATE);
        }
    }
}
