package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.inbox.DeadLetterHeaders;
import org.ilsafety.dosing.plan.OverdueDoseJob;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Through the broker: orders, weights, administrations and monitoring decisions move the plan; each change is published. */
@QuarkusTest
class TherapyPlanFlowTest extends PlanFlowTestBase {
    @Inject
    OverdueDoseJob overdueDoses;

    static String escalatedRaIvOrder(String patient) {
        return """
                {"resourceType":"MedicationRequest","id":"mr-%s","meta":{"versionId":"1"},"status":"active","intent":"order",
                 "medicationCodeableConcept":{"text":"Actemra"},"subject":{"reference":"Patient/%s"},"authoredOn":"2026-11-01",
                 "reasonCode":[{"coding":[{"system":"%s","code":"RA"}]}],
                 "dosageInstruction":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"47625008"}]},
                   "timing":{"repeat":{"frequency":1,"period":4,"periodUnit":"wk"}},
                   "doseAndRate":[{"doseQuantity":{"value":8,"unit":"mg/kg","system":"http://unitsofmeasure.org","code":"mg/kg"}}]}]}
                """.formatted(patient, patient, FhirFixtures.INDICATION_SYSTEM);
    }

    /** An 8 mg/kg RA IV start is flagged for review (issue 19 item 16): the pharmacist confirms it, the plan continues. */
    static void confirmStartReview(String patient) {
        awaitPlan(patient, "reviewRequired", true);
        given().contentType(io.restassured.http.ContentType.JSON).body("{\"outcome\":\"RESUME\"}")
                .when().post("/api/v1/patients/" + patient + "/therapy-plan/review").then().statusCode(200)
                .body("reviewRequired", equalTo(false));
    }



    @Test
    void lowNeutrophilsInterruptAndRecoveryResumesAnRaIvPatientAtFourMgPerKg() {
        String patient = "flow-anc";
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-anc", 1, "29463-7", 165, "[lb_av]", null,
                "2026-10-30T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patient, escalatedRaIvOrder(patient));
        awaitPlan(patient, "step", "ESCALATED");
        confirmStartReview(patient);
        JsonPath started = plan(patient);
        assertEquals(74.8, started.getDouble("dosingWeightKg"), 1e-9); // 165 lb = 74.84274105 kg, shown to 0.1 kg
        assertEquals(598.7f, started.getFloat("currentDose.doseMg"), 0.01f);
        assertEquals(8.0f, started.getFloat("currentDose.mgPerKg"));
        assertEquals("P4W", started.getString("currentDose.interval"));
        assertEquals("tocilizumab.ra.iv.escalated", started.getString("currentDose.ruleId"));
        assertEquals("tocilizumab", started.getString("moleculeId"));

        monitoring.decision(patient, "INTERRUPT", "ANC", false);
        awaitPlan(patient, "status", "INTERRUPTED");
        List<ConsumerRecord<String, String>> interrupted = kafka.await(Topics.THERAPY_PLAN_EVENTS,
                r -> patient.equals(r.key()) && r.value().contains("\"change\":\"INTERRUPTED\""), 1, Duration.ofSeconds(30));
        assertEquals(1, interrupted.size());
        JsonPath event = new JsonPath(interrupted.get(0).value());
        assertEquals("INTERRUPTED", event.getString("status"));
        assertEquals("plan.decision.interrupt", event.getString("ruleId"));
        assertEquals("ACTEMRA", event.getString("product"));
        assertEquals("tocilizumab", event.getString("drug"));
        assertTrue(event.getString("knowledgeVersion").startsWith("2026.11.1+"));

        monitoring.decision(patient, "RESUME", "ANC", false);
        awaitPlan(patient, "status", "ACTIVE");
        JsonPath resumed = plan(patient);
        assertEquals("REDUCED", resumed.getString("step"));
        assertEquals(299.4f, resumed.getFloat("currentDose.doseMg"), 0.01f);
        assertEquals(4.0f, resumed.getFloat("currentDose.mgPerKg"));
        List<String> changes = resumed.getList("history.change");
        assertEquals(List.of("STARTED", "UPDATED", "INTERRUPTED", "RESUMED"), changes);
        assertEquals("plan.decision.resume", resumed.getString("history[3].ruleId"));
        List<ConsumerRecord<String, String>> resumedEvents = kafka.await(Topics.THERAPY_PLAN_EVENTS,
                r -> patient.equals(r.key()) && r.value().contains("\"change\":\"RESUMED\""), 1, Duration.ofSeconds(30));
        assertEquals("REDUCED", new JsonPath(resumedEvents.get(0).value()).getString("step"));
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager entityManager;

    long heldDecisions(String patient) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM early_decision WHERE patient_id = :p").setParameter("p", patient)
                .getSingleResult()).longValue());
    }

    /** Monitoring may grade a lab before this service has read the order: the decision must still hold. */
    @Test
    void aDecisionThatArrivesBeforeThePlanIsAppliedWhenThePlanStarts() {
        String patient = "flow-early";
        monitoring.decision(patient, "INTERRUPT", "ANC", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> heldDecisions(patient) == 1);

        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-early", 1, "Actemra", "IV", "RA", "active",
                "2026-11-01"));
        awaitPlan(patient, "status", "INTERRUPTED");
        assertEquals(0, heldDecisions(patient), "applied once, then forgotten");
        monitoring.decision(patient, "RESUME", "ANC", false);
        awaitPlan(patient, "status", "ACTIVE");
        assertEquals("REDUCED", plan(patient).getString("step"));
    }

    /**
     * The fault suite's shape: monitoring blocked the start and then released it (a low, then a recovered baseline ANC) while
     * this service still lagged behind the order. Both held decisions apply in the order's transaction, to the plan it just
     * created; the order used to be dead-lettered (a NullPointerException locking the unflushed plan), leaving no plan.
     */
    @Test
    void aBlockAndItsReleaseThatArriveBeforeThePlanApplyInOrderAndTheOrderIsKept() {
        String patient = "flow-early-block";
        monitoring.decision(patient, "DO_NOT_START", "ANC", false);
        monitoring.decision(patient, "RESUME", "ANC", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> heldDecisions(patient) == 2);

        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-early-block", 1, "Actemra", "IV", "RA", "active",
                "2026-11-01"));
        awaitPlan(patient, "status", "ACTIVE");
        assertEquals(0, heldDecisions(patient), "applied once, then forgotten");
        JsonPath plan = plan(patient);
        assertEquals(false, plan.getBoolean("startBlocked"), "the release followed the block");
        assertTrue(plan.getList("history.change").size() >= 2, plan.getList("history.change").toString());
    }

    /**
     * A dose given in clinic is often recorded as a completed order of its own beside the standing order (Synthea does so):
     * it must not end the plan. Only the plan's own order, stopped, discontinues it.
     */
    @Test
    void aCompletedOneOffOrderBesideTheStandingOrderLeavesThePlanActive() {
        String patient = "flow-one-off";
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-standing", 1, "Actemra", "IV", "RA", "active",
                "2026-11-01"));
        awaitPlan(patient, "status", "ACTIVE");
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-clinic-dose", 1, "Actemra", "IV", "RA", "completed",
                "2026-11-02"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/patients/" + patient + "/inputs").then().statusCode(200)
                .body("inputs.find { it.idempotencyKey.startsWith('MedicationRequest/mr-clinic-dose') }.reason", equalTo("NOT_THE_CURRENT_ORDER")));
        assertEquals("ACTIVE", plan(patient).getString("status"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-standing", 2, "Actemra", "IV", "RA", "stopped",
                "2026-11-01"));
        awaitPlan(patient, "status", "DISCONTINUED");
    }

    @Test
    void aPlanWaitingForAWeightIsWaitingNotOverdue() {
        String patient = "flow-waiting";
        kafka.send(Topics.PATIENT_EVENTS, patient, escalatedRaIvOrder(patient)); // ordered 2026-11-01: its first dose is long due
        awaitPlan(patient, "step", "ESCALATED");
        JsonPath waiting = plan(patient);
        assertTrue(waiting.getString("doseIssue").startsWith("awaiting a body weight"));
        assertEquals(false, waiting.getBoolean("overdue"));
        assertEquals(0, waiting.getInt("missedDoses"));
        overdueDoses.flag(Instant.now());
        assertFalse(plan(patient).getList("history.ruleId").contains("plan.missed-dose.overdue"), "no missed dose is flagged while waiting");

        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-waiting", 1, "29463-7", 80, "kg", null,
                "2026-11-02T08:00:00Z"));
        awaitPlan(patient, "dosingWeightKg", 80.0f);
        assertEquals(true, plan(patient).getBoolean("overdue"), "with a weight the dose can be given, and it is overdue");
    }

    @Test
    void withoutAnyWeightTheOrderedStepAndTheRestartStepStillFollowTheLabel() {
        String patient = "flow-noweight";
        kafka.send(Topics.PATIENT_EVENTS, patient, escalatedRaIvOrder(patient));
        awaitPlan(patient, "step", "ESCALATED");
        assertTrue(plan(patient).getString("doseIssue").startsWith("awaiting a body weight"));
        confirmStartReview(patient);
        monitoring.decision(patient, "INTERRUPT", "ANC", false);
        awaitPlan(patient, "status", "INTERRUPTED");
        monitoring.decision(patient, "RESUME", "ANC", false);
        awaitPlan(patient, "status", "ACTIVE");
        assertEquals("REDUCED", plan(patient).getString("step"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-nw", 1, "3141-9", 80, "kg", null, "2026-11-21T08:00:00Z"));
        awaitPlan(patient, "currentDose.doseMg", 320.0f);
        assertEquals("tocilizumab.ra.iv.initial", plan(patient).getString("currentDose.ruleId"));
    }

    @Test
    void anInfectionAndALabCauseInterruptOnceAndTheSingleResumeRestartsEveryOtherWeek() {
        String patient = "flow-infection";
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-inf", 1, "Actemra", "SC", "RA", "active", "2026-11-01"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-inf", 1, "29463-7", 70, "kg", null, "2026-11-01T08:00:00Z"));
        awaitPlan(patient, "currentDose.interval", "P2W");
        monitoring.decision(patient, "INTERRUPT", "INFECTION", false);
        monitoring.decision(patient, "INTERRUPT", "PLATELETS", false);
        awaitPlan(patient, "interruptedFor.size()", 2);
        assertEquals(List.of("STARTED", "UPDATED", "INTERRUPTED", "UPDATED"), plan(patient).getList("history.change"));
        // monitoring-service sends one RESUME when the last cause has recovered.
        monitoring.decision(patient, "RESUME", "PLATELETS", false);
        awaitPlan(patient, "status", "ACTIVE");
        JsonPath resumed = plan(patient);
        assertEquals("REDUCED", resumed.getString("step"));
        assertEquals("P2W", resumed.getString("currentDose.interval"));
        assertEquals(List.of(), resumed.getList("interruptedFor"));
    }

    @Test
    void reduceDoseMovesWeeklyScToEveryOtherWeekAndDiscontinueStops() {
        String patient = "flow-reduce";
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-red", 1, "29463-7", 104, "kg", null, "2026-11-01T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-red", 1, "Tyenne", "SC", "RA", "active", "2026-11-01"));
        awaitPlan(patient, "currentDose.interval", "P1W");
        monitoring.decision(patient, "REDUCE_DOSE", "ALT", false);
        awaitPlan(patient, "step", "REDUCED");
        assertEquals("P2W", plan(patient).getString("currentDose.interval"));
        monitoring.decision(patient, "DISCONTINUE", "ALT", false);
        awaitPlan(patient, "status", "DISCONTINUED");
        assertTrue(plan(patient).getList("history.ruleId").contains("plan.decision.discontinue"));
    }

    @Test
    void childrenAreNeverAutoDiscontinuedButInterruptedForReview() {
        String patient = "flow-pjia";
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-pjia", 1, "29463-7", 24, "kg", null, "2026-11-01T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-pjia", 1, "Actemra", "IV", "PJIA", "active", "2026-11-01"));
        awaitPlan(patient, "currentDose.ruleId", "tocilizumab.pjia.iv.under30");
        assertEquals(240.0f, plan(patient).getFloat("currentDose.doseMg"));
        assertEquals(50, plan(patient).getInt("currentDose.diluentBagMl"));
        monitoring.decision(patient, "DISCONTINUE", "ANC", true);
        awaitPlan(patient, "status", "INTERRUPTED");
        JsonPath interrupted = plan(patient);
        assertTrue(interrupted.getBoolean("reviewRequired"));
        assertEquals("plan.decision.discontinue.individual-review", interrupted.getString("ruleId"));
        monitoring.decision(patient, "RESUME", "ANC", false);
        awaitPlan(patient, "history.size()", 3);
        assertEquals("INTERRUPTED", plan(patient).getString("status"), "recovery alone does not end an individual review");
        given().contentType(io.restassured.http.ContentType.JSON).body("{\"outcome\":\"RESUME\"}")
                .when().post("/api/v1/patients/" + patient + "/therapy-plan/review").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("step", equalTo("INITIAL")).body("reviewRequired", equalTo(false))
                .body("currentDose.mgPerKg", equalTo(10.0f));
        given().contentType(io.restassured.http.ContentType.JSON).body("{\"outcome\":\"RESUME\"}")
                .when().post("/api/v1/patients/" + patient + "/therapy-plan/review").then().statusCode(422);
        // A reduction the label does not have in pJIA interrupts and flags too; never a guessed dose.
        String other = "flow-pjia-reduce";
        kafka.send(Topics.PATIENT_EVENTS, other, FhirFixtures.labObservation(other, "wt-pjia2", 1, "29463-7", 24, "kg", null, "2026-11-01T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, other, FhirFixtures.medicationRequest(other, "mr-pjia2", 1, "Actemra", "IV", "PJIA", "active", "2026-11-01"));
        awaitPlan(other, "currentDose.mgPerKg", 10.0f);
        monitoring.decision(other, "REDUCE_DOSE", "ALT", false);
        awaitPlan(other, "status", "INTERRUPTED");
        assertTrue(plan(other).getBoolean("reviewRequired"));
        assertEquals("INITIAL", plan(other).getString("step"));
    }

    @Test
    void doNotStartBlocksAPlanWithNoDoseAndContinueChangesNothing() {
        String patient = "flow-block";
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-block", 1, "Kineret", "SC", "RA", "active", "2026-11-01"));
        awaitPlan(patient, "status", "ACTIVE");
        monitoring.decision(patient, "CONTINUE", "ANC", false);
        monitoring.decision(patient, "DO_NOT_START", "ANC", false);
        awaitPlan(patient, "startBlocked", true);
        assertEquals(false, plan(patient).getBoolean("overdue"));
        assertEquals(List.of("STARTED", "UPDATED"), plan(patient).getList("history.change"));
        monitoring.decision(patient, "RESUME", "ANC", false);
        awaitPlan(patient, "startBlocked", false);
        // A decision for a patient without a plan is consumed and changes nothing.
        monitoring.decision("flow-no-plan", "INTERRUPT", "ANC", false);
        given().when().get("/api/v1/patients/flow-no-plan/therapy-plan").then().statusCode(404);
    }

    @Test
    void administrationsScheduleTheNextDoseAndAnScDoseSwitchesAnIvPlan() {
        String patient = "flow-admin";
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-adm", 1, "29463-7", 70000, "g", null, "2026-11-01T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-adm", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
        awaitPlan(patient, "dosingWeightKg", 70.0f);
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationAdministration(patient, "ma-1", "Actemra", 280, "2026-11-02T09:00:00Z"));
        awaitPlan(patient, "dosesGiven", 1);
        assertEquals("2026-11-30T09:00:00Z", plan(patient).getString("nextDueAt"));
        String sc = """
                {"resourceType":"MedicationAdministration","id":"ma-2","meta":{"versionId":"1"},"status":"completed",
                 "medicationCodeableConcept":{"text":"Actemra"},"subject":{"reference":"Patient/%s"},"effectiveDateTime":"2026-11-30T09:00:00Z",
                 "dosage":{"route":{"coding":[{"system":"http://snomed.info/sct","code":"34206005"}]},"dose":{"value":162,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}}
                """.formatted(patient);
        kafka.send(Topics.PATIENT_EVENTS, patient, sc);
        awaitPlan(patient, "dosesGiven", 2);
        JsonPath switched = plan(patient);
        assertEquals("SC", switched.getString("route"));
        assertEquals("P2W", switched.getString("currentDose.interval"));
        assertEquals("2026-12-14T09:00:00Z", switched.getString("nextDueAt"));
        assertTrue(switched.getList("history.change").contains("ROUTE_SWITCHED"));
    }

    @Test
    void theBirthDateFromThePatientResourceChecksTheLabelsAgeLimits() {
        String patient = "flow-age";
        String birth = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusMonths(18).toString();
        kafka.send(Topics.PATIENT_EVENTS, patient, """
                {"resourceType":"Patient","id":"%s","meta":{"versionId":"1"},"birthDate":"%s"}
                """.formatted(patient, birth));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-age", 1, "29463-7", 11, "kg", null, "2026-11-01T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-age", 1, "Actemra", "IV", "SJIA", "active", "2026-11-01"));
        awaitPlan(patient, "status", "ACTIVE");
        JsonPath child = plan(patient);
        assertNull(child.get("currentDose"), "no labeled sJIA dose under 2 years");
        assertTrue(child.getString("doseIssue").contains("2 years or older"), child.getString("doseIssue"));
        // Born earlier than first recorded (a corrected birth date): the dose appears, age-checked.
        kafka.send(Topics.PATIENT_EVENTS, patient, """
                {"resourceType":"Patient","id":"%s","meta":{"versionId":"2"},"birthDate":"2021-03-04"}
                """.formatted(patient));
        awaitPlan(patient, "currentDose.ruleId", "tocilizumab.sjia.iv.under30");
        assertEquals(132.0f, plan(patient).getFloat("currentDose.doseMg"));
        assertTrue(plan(patient).getList("currentDose.warnings", String.class).stream().noneMatch(w -> w.startsWith("Age unknown")));
    }

    @Test
    void aWeightInAnUnknownUnitIsDeadLettered() {
        // neither a UCUM unit ([stone_av] is one, and converts) nor a listed lab spelling
        String patient = "flow-stone";
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-stone", 1, "29463-7", 11, "stones", null, "2026-11-01T08:00:00Z"));
        List<ConsumerRecord<String, String>> dead = kafka.await(Topics.deadLetter(Topics.PATIENT_EVENTS), r -> patient.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertEquals("UNKNOWN_WEIGHT_UNIT", TestKafka.header(dead.get(0), org.ilsafety.common.inbox.DeadLetterHeaders.REASON_CODE));
    }

    /**
     * A decision on monitoring-events whose ce_source is not monitoring-service changes no plan: it is
     * dead-lettered with its reason (the broker's ACLs keep other principals off the topic; this catches what
     * slips past them, such as a misconfigured producer).
     */
    @Test
    void aDiscontinueClaimingAnotherSourceIsDeadLetteredAndThePlanStaysActive() {
        String patient = "forged-source";
        kafka.send(Topics.PATIENT_EVENTS, patient, escalatedRaIvOrder(patient));
        awaitPlan(patient, "status", "ACTIVE");

        monitoring.decisionClaimingSource("interaction-service", patient, "DISCONTINUE", "ALT");

        List<ConsumerRecord<String, String>> dead = kafka.await(Topics.deadLetter(Topics.MONITORING_EVENTS), r -> patient.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertEquals(1, dead.size(), "the forged decision is dead-lettered");
        ConsumerRecord<String, String> letter = dead.get(0);
        assertEquals("UNEXPECTED_EVENT_SOURCE", TestKafka.header(letter, DeadLetterHeaders.REASON_CODE));
        assertEquals("ce_source is not monitoring-service, the only producer of monitoring-events",
                TestKafka.header(letter, DeadLetterHeaders.REASON));
        // a genuine decision after it is still applied, so the forged one was refused and nothing else
        monitoring.decision(patient, "INTERRUPT", "ANC", false);
        awaitPlan(patient, "status", "INTERRUPTED");
        assertEquals("INTERRUPTED", plan(patient).getString("status"));
        assertEquals(List.of("STARTED", "INTERRUPTED"), plan(patient).getList("history.change"));
    }
}
