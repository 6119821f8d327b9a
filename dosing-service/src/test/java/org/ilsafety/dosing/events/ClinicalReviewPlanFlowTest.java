package org.ilsafety.dosing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Issue 19 (clinical safety review): the plan findings, through the broker, one row per case. */
@QuarkusTest
class ClinicalReviewPlanFlowTest extends PlanFlowTestBase {
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

    static String order(String patient, String product, String route, String indication, Double mgPerKg, int periodWeeks) {
        String routeCode = "IV".equals(route) ? "47625008" : "34206005";
        String dose = mgPerKg == null ? "" : """
                ,"doseAndRate":[{"doseQuantity":{"value":%s,"unit":"mg/kg","system":"http://unitsofmeasure.org","code":"mg/kg"}}]"""
                .formatted(mgPerKg);
        return """
                {"resourceType":"MedicationRequest","id":"mr-%s","meta":{"versionId":"1"},"status":"active","intent":"order",
                 "medicationCodeableConcept":{"text":"%s"},"subject":{"reference":"Patient/%s"},"authoredOn":"2026-11-01",
                 "reasonCode":[{"coding":[{"system":"%s","code":"%s"}]}],
                 "dosageInstruction":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]},
                   "timing":{"repeat":{"frequency":1,"period":%d,"periodUnit":"wk"}}%s}]}
                """.formatted(patient, product, patient, FhirFixtures.INDICATION_SYSTEM, indication, routeCode, periodWeeks, dose);
    }

    /** Item 16: a first order on a row the label does not start with is flagged for review; labeled starts are not. */
    @ParameterizedTest(name = "{1} {2} {3} {4} mg/kg every {5} wk at {6} kg -> step {7}, review {8}")
    @CsvSource(nullValues = "-", value = {
            "start-ra-iv-8,     Actemra, IV, RA,      8, 4, 70,  ESCALATED, true,  RA IV starts at 4 mg/kg",
            "start-ra-iv-4,     Actemra, IV, RA,      4, 4, 70,  INITIAL,   false, -",
            "start-sscild-eow,  Actemra, SC, SSC_ILD, -, 2, 60,  REDUCED,   true,  SSc-ILD is 162 mg weekly",
            "start-sscild-wk,   Actemra, SC, SSC_ILD, -, 1, 60,  INITIAL,   false, -",
            "start-gca-eow,     Actemra, SC, GCA,     -, 2, 60,  REDUCED,   false, -",
            "start-ra-sc-wk-70, Actemra, SC, RA,      -, 1, 70,  ESCALATED, true,  RA SC under 100 kg starts every other week",
    })
    void aStartTheLabelDoesNotGiveIsFlaggedForReview(String patient, String product, String route, String indication, Double mgPerKg,
            int weeks, double kg, String step, boolean review, String reason) {
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-" + patient, 1, "29463-7", kg, "kg", null,
                "2026-11-01T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patient, order(patient, product, route, indication, mgPerKg, weeks));
        awaitPlan(patient, "dosingWeightKg", (float) kg);
        JsonPath started = plan(patient);
        assertEquals(step, started.getString("step"));
        assertEquals(review, started.getBoolean("reviewRequired"));
        if (reason != null) {
            assertTrue(started.getString("history[0].reason").contains(reason), started.getString("history[0].reason"));
        }
    }

    /** Item 15: RA SC on weekly doses at 100 kg or more whose weight falls under 100 kg keeps weekly and is flagged, never switched. */
    @ParameterizedTest(name = "{0}: {1} kg, then {2} and {3} kg -> {4} step {5}, review {6}")
    @CsvSource({
            "band-ra-sc-down, 104, 98, 97,  P1W, ESCALATED, true,  plan.weight-band.keep-interval-review",
            "band-ra-sc-up,   95,  101, 102, P1W, INITIAL,  false, plan.weight-band.consistent-change",
    })
    void aWeeklyRaScPatientFallingUnder100KgKeepsTheInterval(String patient, double first, double second, double third, String interval,
            String step, boolean review, String ruleId) {
        startPlan(patient, "Tyenne", "SC", "RA", first);
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationAdministration(patient, "ma-" + patient, "Tyenne", 162,
                "2026-11-02T09:00:00Z"));
        awaitPlan(patient, "dosesGiven", 1);
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt2-" + patient, 1, "29463-7", second, "kg", null,
                "2026-11-10T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt3-" + patient, 1, "29463-7", third, "kg", null,
                "2026-11-25T08:00:00Z"));
        awaitPlan(patient, "dosingWeightKg", (float) third);
        JsonPath after = plan(patient);
        assertEquals(interval, after.getString("currentDose.interval"));
        assertEquals(step, after.getString("step"));
        assertEquals(review, after.getBoolean("reviewRequired"));
        assertEquals(ruleId, after.getString("ruleId"));
    }

    /** Item 21: a dose recorded without a unit is never taken as mg: it counts as given, its amount is ungradable, and says so. */
    @ParameterizedTest(name = "dose {1} {2} -> doseMg {3}, review {4}")
    @CsvSource(nullValues = "-", value = {
            "admin-no-unit, 280, -,  -,     true,  plan.administration.dose-without-unit",
            "admin-mg,      280, mg, 280.0, false, plan.administration.recorded",
    })
    void aDoseWithoutAUnitIsRefusedAsUngradable(String patient, double value, String unit, Float doseMg, boolean review, String ruleId) {
        startPlan(patient, "Actemra", "IV", "RA", 70);
        String quantity = unit == null ? "{\"value\":%s}".formatted(value)
                : "{\"value\":%s,\"unit\":\"%s\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%s\"}".formatted(value, unit, unit);
        kafka.send(Topics.PATIENT_EVENTS, patient, """
                {"resourceType":"MedicationAdministration","id":"ma-%s","meta":{"versionId":"1"},"status":"completed",
                 "medicationCodeableConcept":{"text":"Actemra"},"subject":{"reference":"Patient/%s"},
                 "effectiveDateTime":"2026-11-02T09:00:00Z","dosage":{"dose":%s}}
                """.formatted(patient, patient, quantity));
        awaitPlan(patient, "dosesGiven", 1);
        JsonPath after = plan(patient);
        assertEquals(doseMg, after.get("administrations[0].doseMg") == null ? null : after.getFloat("administrations[0].doseMg"));
        assertEquals(review, after.getBoolean("reviewRequired"));
        assertEquals(ruleId, after.getString("ruleId"));
        if (unit == null) {
            assertTrue(after.getString("history[-1].reason").contains("no unit"), after.getString("history[-1].reason"));
        }
    }

    /** Item 14: pauciarticular JIA (M08.4) and adult-onset Still's disease (M06.1) are not labeled indications: off-label, review. */
    @ParameterizedTest(name = "ICD-10-CM {1} -> indication {2}, review {3}")
    @CsvSource({
            "icd-m08-4, M08.4,  OFF_LABEL, true",
            "icd-m06-1, M06.1,  OFF_LABEL, true",
            "icd-m08-3, M08.3,  PJIA,      false",
            "icd-m06-9, M06.9,  RA,        false",
    })
    void offLabelCodesAreNotMappedToALabeledIndication(String patient, String icd10, String indication, boolean review) {
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-" + patient, 1, "29463-7", 40, "kg", null,
                "2026-11-01T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patient, """
                {"resourceType":"MedicationRequest","id":"mr-%s","meta":{"versionId":"1"},"status":"active","intent":"order",
                 "medicationCodeableConcept":{"text":"Actemra"},"subject":{"reference":"Patient/%s"},"authoredOn":"2026-11-01",
                 "reasonCode":[{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"%s"}]}],
                 "dosageInstruction":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"47625008"}]}}]}
                """.formatted(patient, patient, icd10));
        awaitPlan(patient, "dosingWeightKg", 40.0f);
        JsonPath started = plan(patient);
        assertEquals(indication, started.getString("indication"));
        assertEquals(review, started.getBoolean("reviewRequired"));
        if (review) {
            assertTrue(started.get("currentDose") == null, "no labeled dose is guessed");
            assertTrue(started.getString("history[0].reason").contains("not a labeled indication"), started.getString("history[0].reason"));
        }
    }
}
