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

import org.awaitility.Awaitility;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.stack.testing.SyntheaCorpus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Synthea corpus ({@link SyntheaCorpus}) sent through the broker as an EHR export would be, one transaction
 * Bundle per patient. Each patient is checked against what the module made happen: the therapy and its indication
 * (a SNOMED CT Condition referenced by reasonReference), the grading of the ANC reported in 10*3/uL, the
 * decision; and no valid input is dead-lettered.
 */
@QuarkusTest
class SyntheaCorpusFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void everyGeneratedPatientIsMonitoredAsTheModuleMadeHappenAndNothingValidIsDeadLettered() {
        List<SyntheaCorpus.Patient> patients = SyntheaCorpus.patients();
        assertTrue(patients.size() >= 6, "the shipped corpus");
        assertTrue(patients.stream().anyMatch(p -> "SJIA".equals(p.indication())), "children with systemic JIA");
        assertTrue(patients.stream().anyMatch(p -> "KINERET".equals(p.product())), "an adult on anakinra");
        try (MonitoringBus bus = new MonitoringBus()) {
            patients.forEach(p -> bus.fhir(p.patientId(), p.json()));
            for (SyntheaCorpus.Patient p : patients) {
                Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs", hasSize(p.entries())));
                given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs.outcome", not(hasItem("DEAD_LETTERED")));
                given().get("/api/v1/patients/{id}/therapy", p.patientId()).then()
                        .body("productId", equalTo(p.product())).body("indication", equalTo(p.indication()));
                assertTrue(p.lastAncPerMm3() < 500, "the module ends each course with an ANC under 500/mm3");
                if ("KINERET".equals(p.product())) {
                    // The corpus's only ANC of the anakinra patient precedes the order in the same encounter (entry 10, order 11):
                    // it is stored NO_THERAPY and not graded again when the order follows. A known gap, open in the clinical
                    // review (issue 19: baseline labs before the first dose; anakinra counts on therapy are graded since item 3);
                    // this records today's behaviour.
                    given().get("/api/v1/patients/{id}/lab-results", p.patientId()).then()
                            .body("results.findAll { it.analyte == 'ANC' }.status", everyItem(equalTo("NO_THERAPY")));
                    assertTrue(bus.all(p.patientId(), MonitoringEvent.TYPE_DECISION).isEmpty());
                    continue;
                }
                MonitoringEvent decision = bus.await(p.patientId(), MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
                assertEquals("ANC", decision.analyte());
                if ("SJIA".equals(p.indication())) {
                    assertEquals("INTERRUPT", decision.action(), "pJIA/sJIA: interrupt, never discontinue");
                    assertEquals("TCZ-JIA-ANC-UNDER-500", decision.ruleId());
                    assertTrue(decision.requiresIndividualReview());
                } else {
                    assertEquals("DISCONTINUE", decision.action());
                    assertEquals("TCZ-ANC-UNDER-500", decision.ruleId());
                }
                assertFalse(decision.message().contains("null"), decision.message());
            }
        }
    }
}
