package org.ilsafety.monitoring.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.SyntheaCorpus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Synthea corpus ({@link SyntheaCorpus}) sent through the broker as an EHR export would be, one transaction
 * Bundle per patient. Each patient is checked against what the module made happen: the therapy and its indication
 * (a SNOMED CT Condition referenced by reasonReference); the grading of an ANC reported in 10*3/uL after the order; the
 * pneumonia after the order (an infection of infections.yaml), which INTERRUPTs a course whose first dose the Bundle
 * records (a MedicationAdministration beside a completed order of its own, ignored as not the current order) and blocks
 * the start of the others; the decisions, one per cause and no other; and no valid input is dead-lettered.
 */
@QuarkusTest
class SyntheaCorpusFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void everyGeneratedPatientIsMonitoredAsTheModuleMadeHappenAndNothingValidIsDeadLettered() {
        List<SyntheaCorpus.Patient> patients = SyntheaCorpus.patients();
        assertTrue(patients.size() >= 8, "the shipped corpus");
        assertTrue(patients.stream().anyMatch(p -> "SJIA".equals(p.indication())), "children with systemic JIA");
        assertTrue(patients.stream().anyMatch(p -> "KINERET".equals(p.product())), "an adult on anakinra");
        assertTrue(patients.stream().anyMatch(p -> p.infectionAfterOrder() != null), "an infection after a tocilizumab order");
        assertTrue(patients.stream().anyMatch(SyntheaCorpus.Patient::infectionOnTherapy), "an infection after a first dose");
        assertTrue(patients.stream().anyMatch(p -> p.infectionAfterOrder() == null && "ACTEMRA".equals(p.product())), "courses without one");
        try (MonitoringBus bus = new MonitoringBus()) {
            patients.forEach(p -> bus.fhir(p.patientId(), p.json()));
            for (SyntheaCorpus.Patient p : patients) {
                Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs", hasSize(p.entries())));
                given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs.outcome", not(hasItem("DEAD_LETTERED")))
                        // Synthea records a dose as a completed order of its own beside the standing order: not the course's order
                        .body("inputs.findAll { it.reason == 'NOT_THE_CURRENT_ORDER' }.resourceType",
                                p.dosed() ? hasItem("MedicationRequest") : not(hasItem("MedicationRequest")));
                given().get("/api/v1/patients/{id}/therapy", p.patientId()).then()
                        .body("productId", equalTo(p.product())).body("indication", equalTo(p.indication()))
                        // A course with a MedicationAdministration in its Bundle has started; the others stay PLANNED, so the
                        // start thresholds grade their labs and an active infection blocks the start (issue 19 item 1).
                        .body("status", equalTo(p.dosed() ? "ACTIVE" : "PLANNED"));
                boolean ancAfterOrder = !Double.isNaN(p.ancAfterOrderPerMm3());
                int expected = (ancAfterOrder ? 1 : 0) + (p.infectionAfterOrder() != null ? 1 : 0);
                List<MonitoringEvent> decisions = expected == 0 ? bus.all(p.patientId(), MonitoringEvent.TYPE_DECISION)
                        : bus.await(p.patientId(), MonitoringEvent.TYPE_DECISION, expected, WAIT);
                Map<String, MonitoringEvent> byAnalyte = decisions.stream().collect(Collectors.toMap(MonitoringEvent::analyte, d -> d));
                assertEquals(expected, byAnalyte.size(), "one decision per cause: " + byAnalyte.keySet());
                decisions.forEach(d -> assertFalse(d.message().contains("null"), d.message()));
                if (ancAfterOrder) {
                    assertTrue(p.ancAfterOrderPerMm3() < 500, "the module's ANC after the order is under 500/mm3");
                    MonitoringEvent anc = byAnalyte.get("ANC");
                    assertEquals("DO_NOT_START", anc.action());
                    assertEquals("TCZ-INIT-ANC-LOW", anc.ruleId());
                    given().get("/api/v1/patients/{id}/lab-results", p.patientId()).then()
                            .body("results.findAll { it.analyte == 'ANC' && it.ruleId == 'TCZ-INIT-ANC-LOW' }.context", hasItem("INITIATION"));
                } else {
                    // An ANC only before the order, in the same encounter: stored NO_THERAPY, not graded again when the order
                    // follows; it is older than 90 days, so the order asks for a baseline count before the first dose.
                    given().get("/api/v1/patients/{id}/lab-results", p.patientId()).then()
                            .body("results.findAll { it.analyte == 'ANC' }.status", everyItem(equalTo("NO_THERAPY")));
                    given().get("/api/v1/patients/{id}/alerts", p.patientId()).then()
                            .body("find { it.subject == 'SCREEN:BASELINE-ANC' }.status", equalTo("OPEN"))
                            .body("find { it.subject == 'SCREEN:BASELINE-ANC' }.ruleId", equalTo("BASELINE-ANC-MISSING"));
                }
                if (p.infectionAfterOrder() != null) {
                    // Pneumonia after the first dose interrupts the therapy; before any recorded dose it blocks the start.
                    boolean onTherapy = p.infectionOnTherapy();
                    String action = onTherapy ? "INTERRUPT" : "DO_NOT_START";
                    MonitoringEvent infection = byAnalyte.get("INFECTION");
                    assertEquals(action, infection.action());
                    assertEquals("INFECTION-ACTIVE", infection.ruleId());
                    given().get("/api/v1/patients/{id}/alerts", p.patientId()).then()
                            .body("findAll { it.analyte == 'INFECTION' && it.status == 'OPEN' }.type", equalTo(List.of(onTherapy ? "INFECTION" : "SCREENING")))
                            .body("findAll { it.analyte == 'INFECTION' && it.status == 'OPEN' }.action", equalTo(List.of(action)));
                } else {
                    given().get("/api/v1/patients/{id}/alerts", p.patientId()).then().body("analyte", not(hasItem("INFECTION")));
                }
            }
        }
    }
}
