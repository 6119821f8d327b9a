package org.ilsafety.monitoring.lab;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.inbox.DeadLetterHeaders;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stateful monitoring through the broker: history rules, infections, screening, bad and ungradable results. */
@QuarkusTest
class PatientMonitoringFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The screen alerts (TB, HBV, anti-HBc), not the baseline-labs ones (SCREEN:BASELINE-*, issue 19 item 2). */
    private static final String SCREENS = "findAll { it.type == 'SCREENING' && !it.subject.startsWith('SCREEN:BASELINE') }";

    private static String order(String patient, String product, String route, String indication) {
        return FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, product, route, indication, "active", "2026-11-01");
    }

    /** A completed one-off order (a dose given in clinic) beside the standing order leaves the therapy monitored (issue 17). */
    @Test
    void aCompletedOneOffOrderBesideTheStandingOrderKeepsTheTherapy() {
        String patient = "one-off-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-clinic-" + patient, 1, "Actemra", "IV", "RA", "completed", "2026-11-02"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs", patient).then().statusCode(200)
                    .body("inputs.find { it.idempotencyKey.startsWith('MedicationRequest/mr-clinic-') }.reason", equalTo("NOT_THE_CURRENT_ORDER")));
            given().get("/api/v1/patients/{id}/therapy", patient).then().statusCode(200).body("status", equalTo("PLANNED")); // ordered, no dose yet: not STOPPED
        }
    }

    @Test
    void transaminaseAboveThreeTimesUlnNeedsConfirmationAndDiscontinuesWhenPersistent() {
        String patient = "alt-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "alt-1a", 1, "1742-6", 160, "U/L", 40.0, "2026-11-10T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.analyte == 'ALT' }.severity", equalTo("MODERATE"))
                    .body("find { it.analyte == 'ALT' }.message", startsWith("Unconfirmed; repeat the test to confirm. Transaminase")));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "alt-1b", 1, "1742-6", 180, "U/L", 40.0, "2026-11-12T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "alt-1c", 1, "1742-6", 170, "U/L", 40.0, "2026-11-19T08:00:00Z"));
            List<MonitoringEvent> decisions = bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT);
            assertEquals(List.of("INTERRUPT", "DISCONTINUE"), decisions.stream().map(MonitoringEvent::action).toList());
            assertEquals("ALT", decisions.get(0).analyte());
            assertEquals(decisions.get(0).alertId(), decisions.get(1).alertId(), "the open alert escalates, no second alert");
            given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("findAll { it.analyte == 'ALT' }", hasSize(1))
                    .body("find { it.analyte == 'ALT' }.severity", equalTo("CRITICAL"))
                    .body("find { it.analyte == 'ALT' }.occurrences", equalTo(3));
            List<MonitoringEvent> alertEvents = bus.all(patient, MonitoringEvent.TYPE_ALERT).stream()
                    .filter(e -> decisions.get(0).alertId().equals(e.alertId())).toList();
            assertEquals(List.of("MODERATE", "HIGH", "CRITICAL"), alertEvents.stream().map(MonitoringEvent::severity).toList());
        }
    }

    @Test
    void persistentMildElevationReducesTheDose() {
        String patient = "alt-2";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "SC", "GCA"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "alt-2a", 1, "1920-8", 60, "U/L", 40.0, "2026-11-10T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "alt-2b", 1, "1920-8", 70, "U/L", 40.0, "2026-11-17T08:00:00Z"));
            MonitoringEvent reduce = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("REDUCE_DOSE", reduce.action());
            assertEquals("AST", reduce.analyte());
            assertTrue(reduce.message().contains("every other week"), reduce.message());
        }
    }

    @Test
    void pediatricNeutropeniaInterruptsForIndividualReviewNeverDiscontinues() {
        String patient = "jia-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "SJIA"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "jia-anc-1", 1, "751-8", 0.3, "10*9/L", null, "2026-11-10T08:00:00Z"));
            MonitoringEvent decision = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("INTERRUPT", decision.action());
            assertTrue(decision.requiresIndividualReview());
        }
    }

    /**
     * Issue 19 item 3, through the broker and PostgreSQL: on Kineret an ANC under 1500/uL alerts the prescriber (the label gives
     * no action threshold), 300/uL escalates the same alert to a critical value; neither changes the plan; a normal count
     * resolves it.
     */
    @Test
    void anakinraNeutropeniaAndACriticalCountAlertThePrescriberWithoutChangingThePlan() {
        String patient = "akr-anc-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Kineret", "SC", "RA"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "akr-anc-1a", 1, "751-8", 1200, "/uL", null, "2026-11-10T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.analyte == 'ANC' }.severity", equalTo("MODERATE"))
                    .body("find { it.analyte == 'ANC' }.ruleId", containsString("ANC-NEUTROPENIA"))
                    .body("find { it.analyte == 'ANC' }.message", containsString("The label gives no")));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "akr-anc-1b", 1, "751-8", 0.3, "10*9/L", null, "2026-11-17T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.analyte == 'ANC' }.severity", equalTo("CRITICAL")));
            List<MonitoringEvent> alerts = bus.all(patient, MonitoringEvent.TYPE_ALERT).stream().filter(e -> "ANC".equals(e.analyte())).toList();
            assertEquals(List.of("MODERATE", "CRITICAL"), alerts.stream().map(MonitoringEvent::severity).toList());
            assertEquals("CRIT-ANC-UNDER-500", alerts.get(1).ruleId());
            assertTrue(alerts.get(1).source().contains("issue 19 item 3"), alerts.get(1).source());
            assertEquals(alerts.get(0).alertId(), alerts.get(1).alertId(), "the open alert escalates, no second alert");
            given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("findAll { it.analyte == 'ANC' }", hasSize(1))
                    .body("find { it.analyte == 'ANC' }.severity", equalTo("CRITICAL"))
                    .body("find { it.analyte == 'ANC' }.ruleId", equalTo("CRIT-ANC-UNDER-500"))
                    .body("find { it.analyte == 'ANC' }.requiresIndividualReview", equalTo(true))
                    .body("find { it.analyte == 'ANC' }.message", containsString("a critical value always raises an alert (a project rule, not a label threshold)"));
            given().get("/api/v1/patients/{id}/lab-results", patient).then()
                    .body("results.find { it.observationId == 'akr-anc-1b' }.status", equalTo("GRADED"))
                    .body("results.find { it.observationId == 'akr-anc-1b' }.ruleId", equalTo("CRIT-ANC-UNDER-500"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "akr-anc-1c", 1, "751-8", 2.1, "10*9/L", null, "2026-11-24T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.analyte == 'ANC' }.status", equalTo("RESOLVED")));
            assertEquals(List.of(), bus.all(patient, MonitoringEvent.TYPE_DECISION).stream().filter(d -> "ANC".equals(d.analyte())).toList(),
                    "the label gives no action threshold: the prescriber decides, the plan is not changed");
        }
    }

    /** Issue 19 item 3: tocilizumab for CRS has no label thresholds, yet a critical platelet count alerts, saying so. */
    @Test
    void aCriticalCountOnTocilizumabForCrsAlertsThoughTheLabelGivesNoRule() {
        String patient = "crs-plt-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "CRS"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "crs-plt-1a", 1, "777-3", 40, "10*9/L", null, "2026-11-10T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.analyte == 'PLATELETS' }.severity", equalTo("CRITICAL"))
                    .body("find { it.analyte == 'PLATELETS' }.ruleId", equalTo("CRIT-PLT-UNDER-50K"))
                    .body("find { it.analyte == 'PLATELETS' }.message", containsString("The label gives no PLATELETS rule for tocilizumab in CRS")));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "crs-plt-1b", 1, "777-3", 120, "10*9/L", null, "2026-11-11T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.analyte == 'PLATELETS' }.status", equalTo("RESOLVED")));
        }
    }

    /**
     * Issue 19 item 11: sJIA interrupted for a confirmed ALT > 3 x ULN does not resume at 2.5 x ULN (still the persistent
     * > 1 to 3 band that interrupts; it used to publish RESUME, then INTERRUPT again); it resumes once the ALT is normal.
     */
    @Test
    void jiaLiverInterruptionResumesOnlyWhenTheTransaminaseIsNormal() {
        String patient = "jia-alt-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "SJIA"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z")); // on therapy: the maintenance bands
            bus.fhir(patient, FhirFixtures.labObservation(patient, "jia-alt-1a", 1, "1742-6", 160, "U/L", 40.0, "2026-11-10T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "jia-alt-1b", 1, "1742-6", 170, "U/L", 40.0, "2026-11-12T08:00:00Z"));
            assertEquals("INTERRUPT", bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0).action());
            bus.fhir(patient, FhirFixtures.labObservation(patient, "jia-alt-1c", 1, "1742-6", 100, "U/L", 40.0, "2026-11-19T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/lab-results", patient).then()
                    .body("results.find { it.observationId == 'jia-alt-1c' }.ruleId", equalTo("TCZ-JIA-LFT-1-3")));
            assertEquals(List.of("INTERRUPT"), bus.all(patient, MonitoringEvent.TYPE_DECISION).stream().map(MonitoringEvent::action).toList(),
                    "2.5 x ULN is no recovery: no RESUME, no second INTERRUPT");
            bus.fhir(patient, FhirFixtures.labObservation(patient, "jia-alt-1d", 1, "1742-6", 36, "U/L", 40.0, "2026-11-26T08:00:00Z"));
            List<MonitoringEvent> decisions = bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT);
            assertEquals(List.of("INTERRUPT", "RESUME"), decisions.stream().map(MonitoringEvent::action).toList());
            assertEquals("ALT", decisions.get(1).analyte());
        }
    }

    @Test
    void anActiveInfectionInterruptsAndItsResolutionResumes() {
        String patient = "inf-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Tyenne", "SC", "RA"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Tyenne", "2026-11-02T08:00:00Z"));
            bus.fhir(patient, MonitoringBus.condition(patient, "cond-refuted", 1, "233604007", "active", "refuted"));
            bus.fhir(patient, MonitoringBus.condition(patient, "cond-1", 1, "40733004", "active", "confirmed"));
            MonitoringEvent interrupt = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("INTERRUPT", interrupt.action());
            assertEquals("INFECTION", interrupt.analyte());
            assertEquals("INFECTION-ACTIVE", interrupt.ruleId());
            bus.fhir(patient, MonitoringBus.condition(patient, "cond-1", 2, "40733004", "resolved", "confirmed"));
            List<MonitoringEvent> decisions = bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT);
            assertEquals(List.of("INTERRUPT", "RESUME"), decisions.stream().map(MonitoringEvent::action).toList());
            given().get("/api/v1/patients/{id}/alerts?status=RESOLVED", patient).then().body("type", hasItem("INFECTION"));
        }
    }

    @Test
    void resumeWaitsUntilEveryCauseHasRecovered() {
        String patient = "two-causes";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "tc-anc-1", 1, "751-8", 900, "/uL", null, "2026-11-10T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "tc-plt-1", 1, "777-3", 80, "10*9/L", null, "2026-11-10T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "tc-anc-2", 1, "751-8", 1200, "/uL", null, "2026-11-15T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "tc-plt-2", 1, "777-3", 120, "10*9/L", null, "2026-11-16T08:00:00Z"));
            List<MonitoringEvent> decisions = bus.await(patient, MonitoringEvent.TYPE_DECISION, 3, WAIT);
            assertEquals(List.of("INTERRUPT", "INTERRUPT", "RESUME"), decisions.stream().map(MonitoringEvent::action).toList());
            assertEquals("PLATELETS", decisions.get(2).analyte());
            assertEquals(3, bus.all(patient, MonitoringEvent.TYPE_DECISION).size(), "no RESUME while platelets still held the plan");
        }
    }

    @Test
    void screeningPositiveOrInfectionBeforeTheOrderBlocksTheStart() {
        String patient = "screen-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, MonitoringBus.screen(patient, "tb-1", "64084-7", true, "2026-10-20T08:00:00Z"));
            bus.fhir(patient, MonitoringBus.screen(patient, "hbv-1", "5196-1", false, "2026-10-20T08:00:00Z"));
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            MonitoringEvent block = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("DO_NOT_START", block.action());
            assertEquals("SCREENING", block.analyte());
            assertEquals("SCREEN-TB", block.ruleId());
            given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body(SCREENS, hasSize(1))
                    .body(SCREENS + "[0].action", equalTo("DO_NOT_START"));
        }
        String infected = "screen-2";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(infected, MonitoringBus.condition(infected, "tb-cond", 1, "56717001", "active", "confirmed"));
            bus.fhir(infected, order(infected, "Kineret", "SC", "RA"));
            MonitoringEvent block = bus.await(infected, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("DO_NOT_START", block.action());
            assertEquals("INFECTION", block.analyte());
        }
    }

    /** Issue 19 item 12: a positive total anti-HBc alone asks for an evaluation; it never blocks the start. */
    @Test
    void aPositiveAntiHbcAloneIsAnAlertToEvaluateNotABlock() {
        String patient = "screen-hbc";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, MonitoringBus.screen(patient, "hbc-tb", "64084-7", false, "2026-10-20T08:00:00Z"));
            bus.fhir(patient, MonitoringBus.screen(patient, "hbc-hbs", "5196-1", false, "2026-10-20T08:00:00Z"));
            bus.fhir(patient, MonitoringBus.screen(patient, "hbc-core", "16933-4", true, "2026-10-20T08:00:00Z"));
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body(SCREENS, hasSize(1))
                    .body(SCREENS + "[0].subject", equalTo("SCREEN:HBC"))
                    .body(SCREENS + "[0].action", equalTo("MONITOR"))
                    .body(SCREENS + "[0].message", containsString("evaluate with HBsAg and HBV DNA")));
            assertEquals(List.of(), bus.all(patient, MonitoringEvent.TYPE_DECISION).stream().map(MonitoringEvent::action)
                    .filter("DO_NOT_START"::equals).toList(), "anti-HBc alone never blocks");
        }
    }

    @Test
    void missingScreeningRaisesAnAlertThatAskForTheResult() {
        String patient = "screen-3";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body(SCREENS, hasSize(2))
                    .body("find { it.subject == 'SCREEN:TB' }.message", containsString("not on file")));
            bus.fhir(patient, MonitoringBus.screen(patient, "tb-3", "64084-7", false, "2026-11-02T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.subject == 'SCREEN:TB' }.status", equalTo("RESOLVED")));
        }
    }

    @Test
    void anUnknownUnitIsStoredAndUngradableNotDeadLettered() {
        String patient = "unit-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient, "Actemra", "IV", "RA"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "unit-anc-1", 1, "751-8", 3.2, "g/L", null, "2026-11-10T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/lab-results", patient).then()
                    .body("results[0].status", equalTo("UNGRADABLE"))
                    .body("results[0].message", containsString("not accepted")));
            given().get("/api/v1/patients/{id}/alerts", patient).then().body("type", hasItem("LAB_UNGRADABLE"));
        }
    }

    @Test
    void impossibleObservationsAreDeadLetteredWithAReasonCode() {
        String patient = "dlq-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, """
                    {"resourceType":"Observation","id":"dlq-novalue","meta":{"versionId":"1"},"status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"751-8"}]},"subject":{"reference":"Patient/dlq-1"}}""");
            bus.fhir(patient, FhirFixtures.labObservation(patient, "dlq-negative", 1, "777-3", -5, "10*9/L", null, "2026-11-10T08:00:00Z"));
            bus.fhir(patient, """
                    {"resourceType":"Observation","id":"dlq-string","meta":{"versionId":"1"},"status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"751-8"}]},"subject":{"reference":"Patient/dlq-1"},"valueString":"low"}""");
            var letters = bus.deadLetters(patient, 3);
            assertEquals(List.of("MISSING_VALUE", "IMPOSSIBLE_VALUE", "NON_NUMERIC_VALUE"),
                    letters.stream().map(r -> TestKafka.header(r, DeadLetterHeaders.REASON_CODE)).toList());
            letters.forEach(r -> assertTrue(!TestKafka.header(r, DeadLetterHeaders.REASON).contains(patient)));
        }
    }

    @Test
    void labsWithoutATherapyAreStoredButNotGraded() {
        String patient = "no-therapy-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, FhirFixtures.labObservation(patient, "nt-anc-1", 1, "751-8", 400, "/uL", null, "2026-11-10T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "nt-weight-1", 1, "29463-7", 72.5, "kg", null, "2026-11-10T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/lab-results", patient).then()
                    .body("therapyKnown", equalTo(false))
                    .body("grading", containsString("not graded"))
                    .body("results", hasSize(2))
                    .body("results.status", hasItem("NO_THERAPY"))
                    .body("results.analyte", hasItem("BODY_WEIGHT")));
            given().get("/api/v1/patients/{id}/alerts", patient).then().body("$", hasSize(0));
        }
    }
}
