package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.ilsafety.common.events.Topics;
import org.ilsafety.stack.testing.FhirFixtures;
import org.ilsafety.stack.testing.SuiteTestInfrastructure;
import org.ilsafety.stack.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Issue 19 (clinical safety review): the plan findings, through the broker, one row per case. */
@QuarkusTest
class ClinicalReviewPlanFlowTest {
    static TestKafka kafka;
    static SuiteEvents monitoring;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers());
        monitoring = new SuiteEvents();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
        monitoring.close();
    }

    static JsonPath plan(String patient) {
        return given().when().get("/api/v1/patients/" + patient + "/therapy-plan").then().statusCode(200).extract().jsonPath();
    }

    static void awaitPlan(String patient, String path, Object value) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().when().get("/api/v1/patients/" + patient + "/therapy-plan").then().statusCode(200).body(path, equalTo(value)));
    }

    static void startPlan(String patient, String product, String route, String indication, double kg) {
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-" + patient, 1, "29463-7", kg, "kg", null,
                "2026-11-01T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, product, route, indication,
                "active", "2026-11-01"));
        awaitPlan(patient, "dosingWeightKg", (float) kg);
        awaitPlan(patient, "status", "ACTIVE");
    }

    /** Item 7: a reduction asked for at the labeled floor holds the therapy (the label's alternative), never a renamed step. */
    @ParameterizedTest(name = "{0} {1} {2} kg, REDUCE_DOSE x{3} -> {4} {5} ({6})")
    @CsvSource({
            // product, route, kg, reductions, status, step, ruleId of the last change
            "Actemra, IV, 70,  1, INTERRUPTED, INITIAL, plan.decision.reduce.at-floor-hold",
            "Actemra, SC, 70,  1, INTERRUPTED, INITIAL, plan.decision.reduce.at-floor-hold",
            "Tyenne,  SC, 104, 1, ACTIVE,      REDUCED, plan.decision.reduce",
            "Tyenne,  SC, 104, 2, INTERRUPTED, REDUCED, plan.decision.reduce.at-floor-hold",
    })
    void reduceAtTheFloorHolds(String product, String route, double kg, int reductions, String status, String step, String ruleId) {
        String patient = ("floor-" + product + route + (int) kg + "-" + reductions).toLowerCase();
        startPlan(patient, product, route, "RA", kg);
        for (int i = 1; i <= reductions; i++) {
            monitoring.decision(patient, "REDUCE_DOSE", "ALT", false);
            awaitPlan(patient, "history.size()", 1 + i);
        }
        JsonPath after = plan(patient);
        assertEquals(status, after.getString("status"));
        assertEquals(step, after.getString("step"));
        assertEquals(ruleId, after.getString("ruleId"));
        if ("INTERRUPTED".equals(status)) {
            assertEquals(java.util.List.of("ALT"), after.getList("interruptedFor"));
            monitoring.decision(patient, "RESUME", "ALT", false);
            awaitPlan(patient, "status", "ACTIVE");
        }
    }

    /** Item 8: Kineret and a serious infection: discontinue (Kineret USPI 5.1); tocilizumab interrupts. */
    @ParameterizedTest(name = "{0} {1}: INTERRUPT for INFECTION -> {2} ({3})")
    @CsvSource({
            "Kineret, SC, DISCONTINUED, plan.decision.infection.anakinra-discontinue",
            "Actemra, IV, INTERRUPTED,  plan.decision.interrupt",
    })
    void aSeriousInfectionDiscontinuesKineret(String product, String route, String status, String ruleId) {
        String patient = ("infection-" + product).toLowerCase();
        startPlan(patient, product, route, "RA", 70);
        monitoring.decision(patient, "INTERRUPT", "INFECTION", false);
        awaitPlan(patient, "status", status);
        JsonPath after = plan(patient);
        assertEquals(ruleId, after.getString("ruleId"));
        assertTrue(after.getString("history[-1].reason").contains("INFECTION"), after.getString("history[-1].reason"));
    }
}
