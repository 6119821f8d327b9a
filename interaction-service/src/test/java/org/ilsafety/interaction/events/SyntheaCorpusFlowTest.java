package org.ilsafety.interaction.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.SyntheaCorpus;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Synthea corpus through the broker into interaction-service: each patient's therapy is recorded from the
 * RxNorm clinical or branded drug code; anakinra with etanercept gives the biologic combination finding, the
 * others none of that kind; a live vaccine (zoster live, varicella) given on therapy gives the live-vaccine finding of
 * the therapy's molecule, and a live vaccine of the routine childhood schedule long before the start none; no valid
 * input is dead-lettered.
 */
@QuarkusTest
class SyntheaCorpusFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void everyGeneratedPatientGetsTheFindingsTheModuleMadeHappen() {
        List<SyntheaCorpus.Patient> patients = SyntheaCorpus.patients();
        assertTrue(patients.stream().anyMatch(SyntheaCorpus.Patient::etanercept), "a biologic combination in the corpus");
        assertTrue(patients.stream().anyMatch(p -> p.liveVaccineOnTherapy() != null && p.child()), "a live vaccine on therapy, a child");
        assertTrue(patients.stream().anyMatch(p -> p.liveVaccineOnTherapy() != null && !p.child()), "a live vaccine on therapy, an adult");
        assertTrue(patients.stream().anyMatch(p -> p.liveVaccineOnTherapy() == null), "courses without one");
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            patients.forEach(p -> kafka.send(Topics.PATIENT_EVENTS, p.patientId(), p.json()));
            for (SyntheaCorpus.Patient p : patients) {
                Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs", hasSize(p.entries())));
                given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs.outcome", not(hasItem("DEAD_LETTERED")))
                        // Synthea records a dose as a completed order of its own beside the standing order: not the course's order
                        .body("inputs.findAll { it.reason == 'NOT_THE_CURRENT_ORDER' }.resourceType",
                                p.dosed() ? hasItem("MedicationRequest") : not(hasItem("MedicationRequest")));
                given().get("/api/v1/patients/{id}/therapy", p.patientId()).then().body("productId", equalTo(p.product()));
                if (p.liveVaccineOnTherapy() != null) {
                    String rule = ("KINERET".equals(p.product()) ? "anakinra" : "tocilizumab") + ".live-vaccine";
                    Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/interaction-findings", p.patientId())
                            .then().body("findings.find { it.category == 'LIVE_VACCINE' }.ruleId", equalTo(rule))
                            .body("findings.find { it.category == 'LIVE_VACCINE' }.severity", equalTo("CONTRAINDICATED"))
                            .body("findings.find { it.category == 'LIVE_VACCINE' }.inputRef", startsWith("Immunization/")));
                } else {
                    given().get("/api/v1/patients/{id}/interaction-findings", p.patientId()).then()
                            .body("findings.category", not(hasItem("LIVE_VACCINE")));
                }
                if (p.etanercept()) {
                    Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/interaction-findings", p.patientId())
                            .then().body("findings.category", hasItem("BIOLOGIC_DMARD")));
                } else {
                    given().get("/api/v1/patients/{id}/interaction-findings", p.patientId()).then()
                            .body("findings.category", not(hasItem("BIOLOGIC_DMARD")));
                }
            }
        }
    }
}
