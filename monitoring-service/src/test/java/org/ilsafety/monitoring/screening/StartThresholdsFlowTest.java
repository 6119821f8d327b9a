package org.ilsafety.monitoring.screening;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.events.PlanStatus;
import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Issue 19 items 1 and 2 through the broker and PostgreSQL: an ordered therapy stays PLANNED until its first administration,
 * its results are graded with the start thresholds and a breach or an active infection blocks the start (DO_NOT_START, the
 * decision dosing-service's plan acts on); a start without baseline labs on file raises an alert asking for them.
 */
@QuarkusTest
class StartThresholdsFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BASELINE = "findAll { it.subject.startsWith('SCREEN:BASELINE') }";

    private static String order(String patient, String product, String route, String indication) {
        return FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, product, route, indication, "active", "2026-11-01");
    }

    private static String anc(String patient, String id, double perMicrolitre, String at) {
        return FhirFixtures.labObservation(patient, patient + "-" + id, 1, "751-8", perMicrolitre, "/uL", null, at);
    }

    private static List<String> actions(List<MonitoringEvent> decisions) {
        return decisions.stream().map(MonitoringEvent::action).toList();
    }

    @Test
    void aLowBaselineAncAfterTheOrderBlocksTheStartUntilARecoveredCountAndTheFirstDoseSwitchesToTheOnTherapyRules() {
        String patient = "start-anc-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            bus.fhir(patient, anc(patient, "1", 1500, "2026-11-05T08:00:00Z"));
            MonitoringEvent block = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("DO_NOT_START", block.action(), "ANC 1,500/uL is under the 2,000/uL start threshold");
            assertEquals("ANC", block.analyte());
            assertEquals("TCZ-INIT-ANC-LOW", block.ruleId());
            assertNotNull(block.knowledgeVersion());
            assertNotNull(block.alertId());
            given().get("/api/v1/patients/{id}/therapy", patient).then().body("status", equalTo("PLANNED"));
            given().get("/api/v1/patients/{id}/lab-results", patient).then()
                    .body("results.find { it.observationId == 'start-anc-1-1' }.context", equalTo("INITIATION"))
                    .body("results.find { it.observationId == 'start-anc-1-1' }.action", equalTo("DO_NOT_START"))
                    .body("holds.find { it.cause == 'ANC' }.action", equalTo("DO_NOT_START"));
            given().get("/api/v1/alerts/{id}", block.alertId()).then()
                    .body("type", equalTo("LAB_ABNORMAL")).body("action", equalTo("DO_NOT_START")).body("status", equalTo("OPEN"));

            bus.fhir(patient, anc(patient, "2", 2400, "2026-11-07T08:00:00Z"));
            List<MonitoringEvent> decisions = bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT);
            assertEquals(List.of("DO_NOT_START", "RESUME"), actions(decisions));
            assertEquals("TCZ-INIT-ANC-OK", decisions.get(1).ruleId());
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/alerts/{id}", block.alertId()).then()
                    .body("status", equalTo("RESOLVED")));

            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-08T08:00:00Z"));
            bus.fhir(patient, anc(patient, "3", 1500, "2026-11-20T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/lab-results", patient).then()
                    .body("results.find { it.observationId == 'start-anc-1-3' }.context", equalTo("MAINTENANCE"))
                    .body("results.find { it.observationId == 'start-anc-1-3' }.ruleId", equalTo("TCZ-ANC-OK")));
            given().get("/api/v1/patients/{id}/therapy", patient).then().body("status", equalTo("ACTIVE"));
            assertEquals(List.of("DO_NOT_START", "RESUME"), actions(bus.all(patient, MonitoringEvent.TYPE_DECISION)),
                    "on therapy, ANC 1,500/uL keeps the dose");
        }
    }

    @Test
    void aDoseGivenDespiteTheBlockLeavesTheOnTherapyInterruptionFree() {
        String patient = "start-anc-2";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            bus.fhir(patient, anc(patient, "1", 1500, "2026-11-05T08:00:00Z"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-06T08:00:00Z"));
            bus.fhir(patient, anc(patient, "2", 800, "2026-11-12T08:00:00Z"));
            List<MonitoringEvent> decisions = bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT);
            assertEquals(List.of("DO_NOT_START", "INTERRUPT"), actions(decisions), "the DO_NOT_START hold does not swallow the interruption");
            assertEquals("TCZ-ANC-500-1000", decisions.get(1).ruleId());
        }
    }

    @Test
    void anActiveInfectionBeforeTheFirstDoseBlocksTheStartAndItsResolutionClearsIt() {
        String patient = "start-inf-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Tyenne", "SC", "RA"));
            bus.fhir(patient, MonitoringBus.condition(patient, "start-inf-cond", 1, "40733004", "active", "confirmed"));
            MonitoringEvent block = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("DO_NOT_START", block.action());
            assertEquals("INFECTION", block.analyte());
            assertEquals("INFECTION-ACTIVE", block.ruleId());
            given().get("/api/v1/alerts/{id}", block.alertId()).then()
                    .body("type", equalTo("SCREENING")).body("message", containsString("do not start"));
            bus.fhir(patient, MonitoringBus.condition(patient, "start-inf-cond", 2, "40733004", "resolved", "confirmed"));
            assertEquals(List.of("DO_NOT_START", "RESUME"), actions(bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT)));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/alerts/{id}", block.alertId()).then()
                    .body("status", equalTo("RESOLVED")));
        }
    }

    /** Issue 19: an infection that blocked the start interrupts the therapy at the first dose, without the Condition sent again. */
    @Test
    void anInfectionThatBlockedTheStartInterruptsAtTheFirstDoseWithoutBeingSentAgain() {
        String patient = "start-inf-2";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            bus.fhir(patient, MonitoringBus.condition(patient, "start-inf-2-cond", 1, "40733004", "active", "confirmed"));
            assertEquals(List.of("DO_NOT_START"), actions(bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT)));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-06T08:00:00Z"));
            List<MonitoringEvent> decisions = bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT);
            assertEquals(List.of("DO_NOT_START", "INTERRUPT"), actions(decisions));
            assertEquals("INFECTION", decisions.get(1).analyte());
            given().get("/api/v1/alerts/{id}", decisions.get(1).alertId()).then()
                    .body("type", equalTo("INFECTION")).body("action", equalTo("INTERRUPT")).body("status", equalTo("OPEN"));
            given().get("/api/v1/patients/{id}/lab-results", patient).then()
                    .body("holds.find { it.cause == 'INFECTION:start-inf-2-cond' }.action", equalTo("INTERRUPT"));
            // resolved: the interruption is released
            bus.fhir(patient, MonitoringBus.condition(patient, "start-inf-2-cond", 2, "40733004", "resolved", "confirmed"));
            assertEquals(List.of("DO_NOT_START", "INTERRUPT", "RESUME"), actions(bus.await(patient, MonitoringEvent.TYPE_DECISION, 3, WAIT)));
        }
    }

    @Test
    void dosingServicesPlanEventsKeepTheTherapyPlannedUntilItsFirstDose() {
        String patient = "start-plan-1";
        Instant started = Instant.parse("2026-11-01T00:00:00Z");
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            bus.planEvent(new TherapyPlanEvent(patient, TherapyPlanEvent.Change.STARTED, "tocilizumab", "ACTEMRA", "RA", "IV", PlanStatus.ACTIVE, "INITIAL",
                    280.0, started, null, started, "order active", new Provenance("PLAN-STARTED", null, "test")));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/therapy", patient).then()
                    .body("ruleId", equalTo("PLAN-STARTED")).body("status", equalTo("PLANNED")));
            Instant dose = Instant.parse("2026-11-03T09:00:00Z");
            bus.planEvent(new TherapyPlanEvent(patient, TherapyPlanEvent.Change.DOSE_ADMINISTERED, "tocilizumab", "ACTEMRA", "RA", "IV", PlanStatus.ACTIVE,
                    "INITIAL", 280.0, started, dose, dose.plus(28, ChronoUnit.DAYS), "dose 1", new Provenance("PLAN-DOSE", null, "test")));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/therapy", patient).then()
                    .body("ruleId", equalTo("PLAN-DOSE")).body("status", equalTo("ACTIVE")).body("lastDoseAt", equalTo("2026-11-03T09:00:00Z")));
            bus.fhir(patient, anc(patient, "1", 1500, "2026-11-10T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/lab-results", patient).then()
                    .body("results.find { it.observationId == 'start-plan-1-1' }.context", equalTo("MAINTENANCE")));
        }
    }

    @Test
    void anOrderWithoutRecentBaselineLabsRaisesAnAlertPerMissingBaselineAndAResultResolvesIt() {
        String patient = "baseline-1";
        Instant now = Instant.now();
        try (MonitoringBus bus = new MonitoringBus()) {
            // an ANC older than 90 days does not count; recent platelets do
            bus.fhir(patient, anc(patient, "old", 2500, now.minus(120, ChronoUnit.DAYS).toString()));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "baseline-1-plt", 1, "777-3", 200, "10*9/L", null,
                    now.minus(3, ChronoUnit.DAYS).toString()));
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body(BASELINE, hasSize(2))
                    .body("find { it.subject == 'SCREEN:BASELINE-ANC' }.ruleId", equalTo("BASELINE-ANC-MISSING"))
                    .body("find { it.subject == 'SCREEN:BASELINE-ANC' }.type", equalTo("SCREENING"))
                    .body("find { it.subject == 'SCREEN:BASELINE-ANC' }.action", equalTo("MONITOR"))
                    .body("find { it.subject == 'SCREEN:BASELINE-ANC' }.message", containsString("before the first dose"))
                    .body("find { it.subject == 'SCREEN:BASELINE-ANC' }.source", containsString("USPI"))
                    .body("find { it.subject == 'SCREEN:BASELINE-ANC' }.knowledgeVersion", startsWith("2026.11.3"))
                    .body("find { it.subject == 'SCREEN:BASELINE-LIVER' }.ruleId", equalTo("BASELINE-LIVER-MISSING")));

            bus.fhir(patient, anc(patient, "new", 2500, now.minus(1, ChronoUnit.HOURS).toString()));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.subject == 'SCREEN:BASELINE-ANC' }.status", equalTo("RESOLVED"))
                    .body("find { it.subject == 'SCREEN:BASELINE-ANC' }.resolution", containsString("baseline ANC"))
                    .body("find { it.subject == 'SCREEN:BASELINE-LIVER' }.status", equalTo("OPEN")));
        }
        String kineret = "baseline-2";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(kineret, order(kineret, "Kineret", "SC", "RA"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", kineret).then()
                    .body(BASELINE, hasSize(1))
                    .body(BASELINE + "[0].subject", equalTo("SCREEN:BASELINE-ANC")));
        }
    }

    @Test
    void recentBaselineLabsInTheStartBandRaiseNoBaselineAlertAndNoBlock() {
        String patient = "baseline-3";
        Instant recent = Instant.now().minus(2, ChronoUnit.DAYS);
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, anc(patient, "1", 2500, recent.toString()));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "baseline-3-plt", 1, "777-3", 200, "10*9/L", null, recent.toString()));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "baseline-3-alt", 1, "1742-6", 30, "U/L", 40.0, recent.toString()));
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            // the order's screen alerts (TB, HBV not on file) show the order was screened
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("findAll { it.subject == 'SCREEN:TB' }", hasSize(1)));
            given().get("/api/v1/patients/{id}/alerts", patient).then().body(BASELINE, hasSize(0));
            assertEquals(List.of(), actions(bus.all(patient, MonitoringEvent.TYPE_DECISION)));
        }
    }
}
