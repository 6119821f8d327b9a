package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.SyntheaCorpus;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The Synthea corpus ({@link SyntheaCorpus}: data no one here wrote, shaped as an EHR export) through the broker to
 * dosing-service, one transaction Bundle per patient: each patient's plan has the product the module ordered, the route
 * its RxNorm code's dose form implies (the orders name none), the indication of its SNOMED CT Condition (reached by
 * reasonReference), the weight the Bundle last reports, and the labeled dose of that route, weight band and age; a dose
 * the Bundle records (a MedicationAdministration) is the last dose and sets the next due; its own completed order is
 * ignored as not the plan's order; every entry is listed with its outcome and nothing valid is dead-lettered.
 */
@QuarkusTest
class SyntheaCorpusFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void everyGeneratedPatientGetsThePlanTheModuleOrderedAndNothingValidIsDeadLettered() {
        List<SyntheaCorpus.Patient> patients = SyntheaCorpus.patients();
        assertTrue(patients.size() >= 8, "the shipped corpus");
        assertTrue(patients.stream().anyMatch(p -> "SC".equals(p.route()) && "ACTEMRA".equals(p.product())), "SC tocilizumab");
        assertTrue(patients.stream().anyMatch(p -> "IV".equals(p.route()) && !p.child()), "IV tocilizumab in adults");
        assertTrue(patients.stream().anyMatch(SyntheaCorpus.Patient::child), "children");
        assertTrue(patients.stream().anyMatch(p -> "KINERET".equals(p.product())), "anakinra");
        assertTrue(patients.stream().anyMatch(p -> p.dosed() && p.weightKg() < 100) && patients.stream().anyMatch(p -> p.dosed() && p.weightKg() >= 100),
                "a first dose on both sides of the SC weight band");
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            patients.forEach(p -> kafka.send(Topics.PATIENT_EVENTS, p.patientId(), p.json()));
            for (SyntheaCorpus.Patient p : patients) {
                Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs", hasSize(p.entries())));
                given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs.outcome", not(hasItem("DEAD_LETTERED")))
                        // the biologic order applies; an etanercept order beside Kineret is not dosing's (ignored with its reason)
                        .body("inputs.findAll { it.resourceType == 'MedicationRequest' }.outcome", hasItem("APPLIED"))
                        // Synthea records a dose as a completed order of its own beside the standing order: not the plan's order
                        .body("inputs.findAll { it.reason == 'NOT_THE_CURRENT_ORDER' }.resourceType",
                                p.dosed() ? hasItem("MedicationRequest") : not(hasItem("MedicationRequest")));
                assertFalse(Double.isNaN(p.weightKg()), "the module gives every course a body weight");
                float weight = (float) p.weightKg();
                Dose dose = Dose.labeled(p);
                given().get("/api/v1/patients/{id}/therapy-plan", p.patientId()).then().log().ifValidationFails().statusCode(200)
                        .body("productId", equalTo(p.product()))
                        .body("indication", equalTo(p.indication()))
                        .body("route", equalTo(p.route()))
                        // the plan keeps the weight to 0.1 kg (JSON numbers are read as Float)
                        .body("dosingWeightKg", both(greaterThan(weight - 0.051f)).and(lessThan(weight + 0.051f)))
                        .body("doseIssue", nullValue())
                        .body("currentDose.route", equalTo(p.route()))
                        .body("currentDose.interval", equalTo(dose.interval()))
                        .body("currentDose.mgPerKg", dose.mgPerKg() == null ? nullValue() : equalTo(dose.mgPerKg()))
                        .body("currentDose.doseMg", dose.flatMg() == null ? notNullValue() : equalTo(dose.flatMg()))
                        // dosing does not read Conditions: an infection reaches the plan as monitoring-service's decision
                        .body("status", equalTo("ACTIVE"));
                JsonPath plan = given().get("/api/v1/patients/{id}/therapy-plan", p.patientId()).then().extract().jsonPath();
                if (p.dosed()) {
                    // the Bundle's MedicationAdministration is the first dose: the next is due one labeled interval later
                    Instant first = p.firstDoseAt().toInstant();
                    assertEquals(first, Instant.parse(plan.getString("lastDoseAt")));
                    assertEquals(first.plus(Period.parse(dose.interval())), Instant.parse(plan.getString("nextDueAt")));
                } else {
                    assertNull(plan.getString("lastDoseAt"), "no dose in the Bundle");
                }
            }
        }
    }

    /**
     * The labeled dose for what the module ordered (regimens.yaml): RA IV 4 mg/kg every 4 weeks; sJIA IV 12 mg/kg under
     * 30 kg, else 8 mg/kg, every 2 weeks; RA SC 162 mg every other week under 100 kg, weekly from 100 kg; Kineret RA
     * 100 mg daily. Numbers as the JSON gives them (Float).
     */
    record Dose(Float mgPerKg, Float flatMg, String interval) {
        static Dose labeled(SyntheaCorpus.Patient p) {
            if ("KINERET".equals(p.product())) {
                return new Dose(null, 100f, "P1D");
            }
            if ("SC".equals(p.route())) {
                return new Dose(null, 162f, p.weightKg() < 100 ? "P2W" : "P1W");
            }
            if ("SJIA".equals(p.indication())) {
                return new Dose(p.weightKg() < 30 ? 12f : 8f, null, "P2W");
            }
            return new Dose(4f, null, "P4W");
        }
    }
}
