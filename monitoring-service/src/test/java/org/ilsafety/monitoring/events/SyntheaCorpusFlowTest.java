package org.ilsafety.monitoring.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.monitoring.MonitoringBus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Synthea corpus (src/test/resources/synthea: the module, the generated transaction Bundles and the
 * command that regenerates them) sent through the broker as an EHR export would be, one Bundle per patient.
 * Each patient is checked against what the module made happen: the therapy and its indication (a SNOMED CT
 * Condition referenced by reasonReference), the grading of the ANC reported in 10*3/uL, the decision; and no
 * valid input is dead-lettered.
 */
@QuarkusTest
class SyntheaCorpusFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Fhir FHIR = new Fhir();

    /** What the module made happen to one patient, read from the generated Bundle. */
    record Expected(String patientId, String json, int entries, String product, String indication, double lastAnc) {
    }

    static List<Expected> corpus() throws IOException, URISyntaxException {
        Path folder = Path.of(SyntheaCorpusFlowTest.class.getClassLoader().getResource("synthea/corpus").toURI());
        List<Expected> patients = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String json = Files.readString(file);
                Bundle bundle = (Bundle) FHIR.parse(json);
                String patientId = null;
                String product = null;
                String indication = null;
                double lastAnc = Double.NaN;
                for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                    if (entry.getResource() instanceof Patient patient) {
                        patientId = patient.getIdElement().getIdPart();
                    } else if (entry.getResource() instanceof Condition condition) {
                        indication = switch (condition.getCode().getCodingFirstRep().getCode()) {
                            case "69896004" -> "RA";
                            case "201796004" -> "SJIA";
                            default -> indication;
                        };
                    } else if (entry.getResource() instanceof MedicationRequest request) {
                        String code = request.getMedicationCodeableConcept().getCodingFirstRep().getCode();
                        product = "849574".equals(code) ? "ACTEMRA" : "727714".equals(code) ? "KINERET" : product;
                    } else if (entry.getResource() instanceof Observation observation
                            && "751-8".equals(observation.getCode().getCodingFirstRep().getCode())) {
                        lastAnc = observation.getValueQuantity().getValue().doubleValue() * 1000; // 10*3/uL to /mm3
                    }
                }
                patients.add(new Expected(patientId, json, bundle.getEntry().size(), product, indication, lastAnc));
            }
        }
        return patients;
    }

    @Test
    void everyGeneratedPatientIsMonitoredAsTheModuleMadeHappenAndNothingValidIsDeadLettered() throws Exception {
        List<Expected> patients = corpus();
        assertTrue(patients.size() >= 6, "the shipped corpus");
        assertTrue(patients.stream().anyMatch(p -> "SJIA".equals(p.indication())), "children with systemic JIA");
        assertTrue(patients.stream().anyMatch(p -> "KINERET".equals(p.product())), "an adult on anakinra");
        try (MonitoringBus bus = new MonitoringBus()) {
            patients.forEach(p -> bus.fhir(p.patientId(), p.json()));
            for (Expected p : patients) {
                Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs", hasSize(p.entries())));
                given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs.outcome", not(hasItem("DEAD_LETTERED")));
                given().get("/api/v1/patients/{id}/therapy", p.patientId()).then()
                        .body("productId", equalTo(p.product())).body("indication", equalTo(p.indication()));
                assertTrue(p.lastAnc() < 500, "the module ends each course with an ANC under 500/mm3");
                if ("KINERET".equals(p.product())) {
                    // The label sets no ANC threshold for anakinra: stored, not evaluated, said so; no decision.
                    given().get("/api/v1/patients/{id}/lab-results", p.patientId()).then()
                            .body("results.find { it.analyte == 'ANC' }.status", equalTo("NOT_EVALUATED"));
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
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
