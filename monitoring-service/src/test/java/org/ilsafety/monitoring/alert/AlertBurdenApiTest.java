package org.ilsafety.monitoring.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** {@code GET /api/v1/alert-burden}: per rule counts after real alerts, acknowledgements and resolutions; what a dashboard sees. */
@QuarkusTest
class AlertBurdenApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACK_REASON = "Prescriber informed, burden test";
    private static final String RESOLUTION_REASON = "Therapy stopped, burden test";

    @Test
    void countsPerRuleWhatPeopleDidWithTheAlertsOfThePeriod() {
        Instant start = Instant.now().minusSeconds(1);
        List<String> alerts = new ArrayList<>();
        try (MonitoringBus bus = new MonitoringBus()) {
            for (int i = 1; i <= 5; i++) {
                String patient = "burden-" + i;
                bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-burden-" + i, 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
                bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
                bus.fhir(patient, FhirFixtures.labObservation(patient, "burden-plt-" + i, 1, "777-3", 70, "10*9/L", null, "2026-11-10T08:00:00Z"));
            }
            for (int i = 1; i <= 5; i++) {
                alerts.add(bus.await("burden-" + i, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0).alertId());
            }
            // the fifth recovers: the service resolves its alert itself, which is no person's resolution
            bus.fhir("burden-5", FhirFixtures.labObservation("burden-5", "burden-plt-5b", 1, "777-3", 250, "10*9/L", null, "2026-11-20T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/alerts/{id}", alerts.get(4)).then()
                    .body("status", equalTo("RESOLVED")).body("resolvedBy", equalTo(AlertService.SYSTEM)));
        }
        String rule = given().get("/api/v1/alerts/{id}", alerts.get(0)).then().statusCode(200).extract().path("ruleId");
        assertNotNull(rule);
        String nurse = TestTokens.bearer("nurse.burden", "clinician");
        for (String alert : alerts.subList(0, 2)) {
            given().header("Authorization", nurse).contentType(ContentType.JSON).body("{\"reason\":\"" + ACK_REASON + "\"}")
                    .post("/api/v1/alerts/{id}/acknowledgement", alert).then().statusCode(200);
        }
        given().header("Authorization", nurse).contentType(ContentType.JSON).body("{\"reason\":\"" + RESOLUTION_REASON + "\"}")
                .post("/api/v1/alerts/{id}/resolution", alerts.get(2)).then().statusCode(200);
        String period = "from=" + start + "&to=" + Instant.now().plusSeconds(60);

        JsonPath clinical = given().header("Authorization", TestTokens.bearer("dr.burden", "pharmacist")).get("/api/v1/alert-burden?" + period)
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> row = ruleRow(clinical, rule);
        assertEquals(5, row.get("raised"), "five alerts of the rule raised in the period: " + row);
        assertEquals(2, row.get("acknowledged"));
        assertEquals(1, row.get("resolvedByPerson"), "the recovery the service resolved itself is not counted");
        assertEquals(1, row.get("open"), "one left untouched");
        assertEquals(List.of(Map.of("reason", ACK_REASON, "count", 2)), row.get("acknowledgementReasons"));
        assertEquals(List.of(Map.of("reason", RESOLUTION_REASON, "count", 1)), row.get("resolutionReasons"));

        String dashboardAnswer = given().header("Authorization", TestTokens.bearer("ward-board", "dashboard")).get("/api/v1/alert-burden?" + period)
                .then().statusCode(200).extract().asString();
        Map<String, Object> dashboardRow = ruleRow(JsonPath.from(dashboardAnswer), rule);
        assertEquals(5, dashboardRow.get("raised"), "a dashboard sees the same counts");
        assertEquals(null, dashboardRow.get("acknowledgementReasons"), "but not the reasons people wrote");
        assertFalse(dashboardAnswer.contains("burden test"), "no free text a person wrote reaches a dashboard");
        assertFalse(dashboardAnswer.contains("burden-1"), "nor a patient id");

        // an earlier period holds none of them
        given().get("/api/v1/alert-burden?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z").then().statusCode(200)
                .body("raised", equalTo(0)).body("rules.size()", equalTo(0));
    }

    @Test
    void aBadPeriodIsAProblemNamingItsField() {
        given().get("/api/v1/alert-burden?from=yesterday").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        given().get("/api/v1/alert-burden?to=2026-13-01").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().get("/api/v1/alert-burden?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        JsonPath defaults = given().get("/api/v1/alert-burden").then().statusCode(200).extract().jsonPath();
        assertEquals(Duration.ofDays(30), Duration.between(Instant.parse(defaults.getString("from")), Instant.parse(defaults.getString("to"))),
                "without a period: the last 30 days");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ruleRow(JsonPath answer, String rule) {
        List<Map<String, Object>> rules = answer.getList("rules");
        return rules.stream().filter(r -> rule.equals(r.get("ruleId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + rule + " in " + rules));
    }
}
