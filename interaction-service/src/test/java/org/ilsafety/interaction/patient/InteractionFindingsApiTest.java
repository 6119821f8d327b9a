package org.ilsafety.interaction.patient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.privacy.Pseudonymizer;
import org.ilsafety.common.security.Roles;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The worklist's view of interaction findings across patients (filters, paging, most severe first), the dashboard's
 * pseudonyms, and a person's acknowledgement with its audit row; findings made by the real re-check from
 * patient-events on the broker, stored in PostgreSQL.
 */
@QuarkusTest
class InteractionFindingsApiTest {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String BIOLOGIC = "tocilizumab.biologic-dmard";
    static final String LIVE_VACCINE = "tocilizumab.live-vaccine";

    @Inject
    Pseudonymizer pseudonyms;

    static String bearer(String subject, String role) {
        return TestTokens.bearer(subject, role);
    }

    static ValidatableResponse list(String authorization, Map<String, ?> query) {
        return given().header("Authorization", authorization).queryParams(query).get("/api/v1/interaction-findings").then();
    }

    static ValidatableResponse acknowledge(String authorization, String id, String body) {
        var request = given().header("Authorization", authorization);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/api/v1/interaction-findings/{id}/acknowledgement", id).then();
    }

    static void awaitRules(String patient, String status, String... rules) {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> list(bearer("wl-clinician", Roles.CLINICIAN),
                Map.of("patientId", patient, "status", status, "sort", "severity")).statusCode(200).body("items.ruleId", contains((Object[]) rules)));
    }

    @Test
    void theListFiltersPagesAndPutsTheMostSevereFirst() {
        Instant before = Instant.now().minusSeconds(1);
        String first = "wl-a-" + UUID.randomUUID();
        String second = "wl-b-" + UUID.randomUUID();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            PatientFixtures.onTocilizumabWithHumira(kafka, first, true);
            PatientFixtures.onTocilizumabWithHumira(kafka, second, false);
        }
        awaitRules(first, "OPEN", LIVE_VACCINE, BIOLOGIC);
        awaitRules(second, "OPEN", BIOLOGIC);
        String pharmacist = bearer("wl-pharmacist", Roles.PHARMACIST);

        list(pharmacist, Map.of("patientId", first, "sort", "severity")).statusCode(200).body("total", equalTo(2))
                .body("items.severity", contains("CONTRAINDICATED", "MAJOR")).body("items.status", contains("OPEN", "OPEN"))
                .body("items.category", contains("LIVE_VACCINE", "BIOLOGIC_DMARD")).body("items[1].inputRef", equalTo("MedicationStatement/ms-humira-" + first));
        list(pharmacist, Map.of("patientId", first, "sort", "severity", "size", 1, "page", 1)).statusCode(200).body("total", equalTo(2))
                .body("page", equalTo(1)).body("items.ruleId", contains(BIOLOGIC));
        list(pharmacist, Map.of("patientId", first, "category", "live_vaccine")).body("items.ruleId", contains(LIVE_VACCINE));
        list(pharmacist, Map.of("patientId", first, "severity", "MAJOR")).body("items.ruleId", contains(BIOLOGIC));
        list(pharmacist, Map.of("patientId", second, "ruleId", LIVE_VACCINE)).body("total", equalTo(0));
        list(pharmacist, Map.of("patientId", first, "from", Instant.now().plusSeconds(3600).toString())).body("total", equalTo(0));
        list(pharmacist, Map.of("patientId", first, "from", before.toString(), "to", Instant.now().plusSeconds(5).toString()))
                .body("total", equalTo(2));
        // across patients: both patients' biologic findings, newest first
        List<String> patients = list(pharmacist, Map.of("ruleId", BIOLOGIC, "from", before.toString(), "size", 500)).statusCode(200)
                .extract().jsonPath().getList("items.patientId");
        assertThat(patients).contains(first, second);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "status=DONE         | status",
            "severity=HIGH       | severity",
            "category=VACCINE    | category",
            "from=yesterday      | from",
            "to=2026-13-01       | to",
            "size=0              | size",
            "size=501            | size",
            "page=-1             | page",
            "sort=oldest         | sort" })
    void aBadParameterIsAProblemNamingIt(String parameter, String field) {
        String[] pair = parameter.split("=", 2);
        list(bearer("wl-clinician", Roles.CLINICIAN), Map.of(pair[0], pair[1])).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void aDashboardSeesPseudonymsOnlyAndMayNotFilterByAPatientId() {
        String patient = "wl-dash-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            PatientFixtures.onTocilizumabWithHumira(kafka, patient, false);
        }
        awaitRules(patient, "OPEN", BIOLOGIC);
        String dashboard = bearer("wl-dashboard", Roles.DASHBOARD);
        String body = list(dashboard, Map.of("ruleId", BIOLOGIC, "from", before.toString(), "size", 500)).statusCode(200)
                .body("items.patientId", hasItem(pseudonyms.of(patient))).body("items.inputRef", not(hasItem("MedicationStatement/ms-humira-" + patient)))
                .extract().asString();
        assertThat(body).doesNotContain(patient).doesNotContain("Humira 40 mg pen");
        list(dashboard, Map.of("patientId", patient)).statusCode(403).contentType("application/problem+json")
                .body("errors.field", hasItem("patientId"));
        String id = list(bearer("wl-clinician", Roles.CLINICIAN), Map.of("patientId", patient)).extract().path("items[0].id");
        acknowledge(dashboard, id, "{\"reason\":\"seen\"}").statusCode(403);
    }

    @Test
    void anAcknowledgedFindingLeavesTheWorklistIsAuditedAndComesBackWhenItOpensAgain() {
        String patient = "wl-ack-" + UUID.randomUUID();
        String clinician = "wl-ack-clinician-" + UUID.randomUUID();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            PatientFixtures.onTocilizumabWithHumira(kafka, patient, false);
            awaitRules(patient, "OPEN", BIOLOGIC);
            String id = list(bearer(clinician, Roles.CLINICIAN), Map.of("patientId", patient)).extract().path("items[0].id");
            String token = bearer(clinician, Roles.CLINICIAN);

            acknowledge(token, id, null).statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("reason"));
            acknowledge(token, id, "{\"reason\":\"  \"}").statusCode(400).body("errors.field", hasItem(org.hamcrest.Matchers.containsString("reason")));
            acknowledge(token, "not-a-uuid", "{\"reason\":\"x\"}").statusCode(400).body("errors.field", hasItem("id"));
            acknowledge(token, UUID.randomUUID().toString(), "{\"reason\":\"x\"}").statusCode(404).contentType("application/problem+json");
            list(token, Map.of("patientId", patient, "status", "OPEN")).body("total", equalTo(1));

            acknowledge(token, id, "{\"reason\":\"Prescriber informed\"}").statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                    .body("acknowledgedBy", equalTo(clinician)).body("acknowledgementReason", equalTo("Prescriber informed"))
                    .body("acknowledgedAt", not(equalTo(null)));
            list(token, Map.of("patientId", patient, "status", "OPEN")).body("items", empty());
            list(token, Map.of("patientId", patient, "status", "ACKNOWLEDGED")).body("items.id", contains(id));
            given().header("Authorization", token).get("/api/v1/patients/{id}/interaction-findings", patient).then()
                    .body("findings[0].acknowledgedBy", equalTo(clinician));
            // the same person or another acknowledging again changes nothing
            acknowledge(bearer("wl-other", Roles.PHARMACIST), id, "{\"reason\":\"again\"}").statusCode(200)
                    .body("acknowledgedBy", equalTo(clinician));

            List<Map<String, Object>> audit = given().header("Authorization", bearer("audit-reader", Roles.PHARMACIST))
                    .queryParam("subject", clinician).queryParam("size", 200).get("/api/v1/audit-events").then().statusCode(200)
                    .extract().jsonPath().getList("entries");
            assertThat(audit).anySatisfy(entry -> {
                assertThat(entry.get("action")).isEqualTo("POST /api/v1/interaction-findings/{id}/acknowledgement");
                assertThat(entry.get("target")).isEqualTo("id=" + id);
                assertThat(entry.get("patientPseudonym")).isEqualTo(pseudonyms.of(patient));
                assertThat(entry.get("outcome")).isEqualTo("HTTP 200");
            });

            // Humira stopped: the finding closes (nothing left to acknowledge); started again: it is back on the worklist
            kafka.send(Topics.PATIENT_EVENTS, patient, PatientFixtures.medicationStatement(patient, "ms-humira-" + patient, 2, "Humira 40 mg pen", null, "stopped"));
            awaitRules(patient, "CLOSED", BIOLOGIC);
            acknowledge(token, id, "{\"reason\":\"x\"}").statusCode(422).contentType("application/problem+json");
            kafka.send(Topics.PATIENT_EVENTS, patient, PatientFixtures.medicationStatement(patient, "ms-humira-" + patient, 3, "Humira 40 mg pen", null, "active"));
            awaitRules(patient, "OPEN", BIOLOGIC);
            list(token, Map.of("patientId", patient, "status", "OPEN")).body("items[0].id", equalTo(id))
                    .body("items[0].acknowledgedBy", equalTo(null));
        }
    }
}
