package org.ilsafety.interaction.cds;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.ilsafety.common.security.Roles;
import org.ilsafety.interaction.patient.PatientFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The burden summary per rule after real CDS Hooks calls and feedback, and a real acknowledgement: cards issued,
 * accepted, overridden with the reason's code; comments and reasons for clinical roles only.
 */
@QuarkusTest
class CdsFeedbackSummaryApiTest {

    static JsonPath summary(String role, Instant from) {
        return given().header("Authorization", TestTokens.bearer("summary-" + role, role)).queryParam("from", from.toString())
                .get("/api/v1/cds-feedback-summary").then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> rule(JsonPath summary, String ruleId) {
        List<Map<String, Object>> rules = summary.getList("rules");
        return rules.stream().filter(r -> ruleId.equals(r.get("ruleId"))).findFirst().orElseThrow(() -> new AssertionError(ruleId + " in " + rules));
    }

    @Test
    void cardsFeedbackAndAcknowledgementsAreCountedPerRule() {
        Instant start = Instant.now(); // cards and feedback are stamped by this JVM's clock: nothing of an earlier test counts
        String p = "summary-" + UUID.randomUUID();
        String body = CdsHooksApiTest.request("order-sign", p, null,
                CdsHooksApiTest.bundle(CdsHooksApiTest.draft("draft-enbrel", p, "Enbrel", null), CdsHooksApiTest.draft("draft-mmr", p, "MMR", "03")),
                CdsHooksApiTest.bundle(CdsHooksApiTest.statement("ms-actemra", p, "Actemra")), CdsHooksApiTest.bundle());
        var cards = CdsHooksApiTest.call(CdsHooksApiTest.SIGN, body).statusCode(200).extract().jsonPath();
        String accepted = cards.getString("cards[0].uuid");
        String suggestion = cards.getString("cards[0].suggestions[0].uuid");
        String overridden = cards.getString("cards[1].uuid");
        CdsHooksApiTest.call(CdsHooksApiTest.SIGN + "/feedback", """
                {"feedback":[
                  {"card":"%s","outcome":"overridden","overrideReason":{"reason":{"code":"benefit-outweighs-risk",
                   "system":"https://ilsafety.org/fhir/CodeSystem/cds-override-reason","display":"Benefit outweighs the risk"},
                   "userComment":"discussed with rheumatology"},"outcomeTimestamp":"2026-11-22T10:15:00Z"},
                  {"card":"%s","outcome":"accepted","acceptedSuggestions":[{"id":"%s"}],"outcomeTimestamp":"2026-11-22T10:16:00Z"}]}
                """.formatted(overridden, accepted, suggestion)).statusCode(200);
        String acknowledgedPatient = "summary-ack-" + UUID.randomUUID();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            PatientFixtures.onTocilizumabWithHumira(kafka, acknowledgedPatient, false);
        }
        String clinician = TestTokens.bearer("summary-clinician", Roles.CLINICIAN);
        String finding = Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> given().header("Authorization", clinician)
                .get("/api/v1/patients/{id}/interaction-findings", acknowledgedPatient).then().statusCode(200).extract()
                .<String>path("findings[0].id"), id -> id != null);
        given().header("Authorization", clinician).contentType(ContentType.JSON)
                .body("{\"reason\":\"Benefit outweighs the risk; rheumatology agrees\"}")
                .post("/api/v1/interaction-findings/{id}/acknowledgement", finding).then().statusCode(200);

        JsonPath pharmacist = summary(Roles.PHARMACIST, start);
        List<Map<String, Object>> rules = pharmacist.getList("rules");
        assertThat(rules.stream().mapToInt(r -> (Integer) r.get("cardsIssued")).sum()).as("two cards issued in the period").isEqualTo(2);
        assertThat(rules.stream().mapToInt(r -> (Integer) r.get("cardsAccepted")).sum()).isEqualTo(1);
        assertThat(rules.stream().mapToInt(r -> (Integer) r.get("cardsOverridden")).sum()).isEqualTo(1);
        Map<String, Object> overriddenRule = rules.stream().filter(r -> (Integer) r.get("cardsOverridden") == 1).findFirst().orElseThrow();
        assertThat(overriddenRule.get("overrideReasons")).isEqualTo(
                List.of(Map.of("code", "benefit-outweighs-risk", "display", "Benefit outweighs the risk", "count", 1)));
        assertThat(overriddenRule.get("overrideComments")).isEqualTo(List.of(Map.of("display", "discussed with rheumatology", "count", 1)));
        Map<String, Object> biologic = rule(pharmacist, "tocilizumab.biologic-dmard");
        assertThat(biologic.get("findingsAcknowledged")).isEqualTo(1);
        assertThat(biologic.get("acknowledgementReasons"))
                .isEqualTo(List.of(Map.of("display", "Benefit outweighs the risk; rheumatology agrees", "count", 1)));

        // a dashboard gets the counts and the coded reasons, never the free text
        JsonPath dashboard = summary(Roles.DASHBOARD, start);
        assertThat(dashboard.getList("rules").toString()).doesNotContain("rheumatology").doesNotContain(p);
        assertThat(rule(dashboard, "tocilizumab.biologic-dmard")).containsEntry("findingsAcknowledged", 1).doesNotContainKey("acknowledgementReasons");
        assertThat(dashboard.getList("rules.overrideReasons.code").toString()).contains("benefit-outweighs-risk");

        // a later period holds none of it
        given().header("Authorization", clinician).queryParam("from", Instant.now().plusSeconds(60).toString())
                .queryParam("to", Instant.now().plusSeconds(120).toString()).get("/api/v1/cds-feedback-summary").then().statusCode(200)
                .body("rules", org.hamcrest.Matchers.empty());
        given().header("Authorization", TestTokens.bearer("summary-bad", Roles.CLINICIAN)).queryParam("from", "last week")
                .get("/api/v1/cds-feedback-summary").then().statusCode(400).body("errors.field", hasItem("from"));
        given().header("Authorization", TestTokens.bearer("summary-bad", Roles.CLINICIAN)).queryParam("from", "2026-11-02T00:00:00Z")
                .queryParam("to", "2026-11-01T00:00:00Z").get("/api/v1/cds-feedback-summary").then().statusCode(400)
                .body("errors.field", hasItem("from"));
    }
}
