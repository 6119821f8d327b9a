package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.stack.testing.SuiteTestInfrastructure;
import org.ilsafety.stack.testing.SyntheaCorpus;
import org.ilsafety.stack.testing.TestKafka;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Synthea corpus ({@link SyntheaCorpus}: data no one here wrote, shaped as an EHR export) through the broker to
 * dosing-service, one transaction Bundle per patient: each patient's plan has the product the module ordered, the
 * indication of its SNOMED CT Condition (reached by reasonReference) and the weight the Bundle last reports; every
 * entry is listed with its outcome and nothing valid is dead-lettered.
 */
@QuarkusTest
class SyntheaCorpusFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyGeneratedPatientGetsThePlanTheModuleOrderedAndNothingValidIsDeadLettered() throws Exception {
        List<SyntheaCorpus.Patient> patients = SyntheaCorpus.patients();
        assertTrue(patients.size() >= 6, "the shipped corpus");
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            patients.forEach(p -> kafka.send(Topics.PATIENT_EVENTS, p.patientId(), p.json()));
            for (SyntheaCorpus.Patient p : patients) {
                Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs", hasSize(p.entries())));
                given().get("/api/v1/patients/{id}/inputs?limit=500", p.patientId()).then()
                        .body("inputs.outcome", not(hasItem("DEAD_LETTERED")))
                        // the biologic order applies; an etanercept order beside Kineret is not dosing's (ignored with its reason)
                        .body("inputs.findAll { it.resourceType == 'MedicationRequest' }.outcome", hasItem("APPLIED"));
                float weight = lastWeightKg(p.json());
                given().get("/api/v1/patients/{id}/therapy-plan", p.patientId()).then().log().ifValidationFails().statusCode(200)
                        .body("productId", equalTo(p.product()))
                        .body("indication", equalTo(p.indication()))
                        // the plan keeps the weight to 0.1 kg (JSON numbers are read as Float); no weight sent, none guessed
                        .body("dosingWeightKg", Float.isNaN(weight) ? nullValue()
                                : both(greaterThan(weight - 0.051f)).and(lessThan(weight + 0.051f)));
            }
        }
    }

    /** The Bundle's last body weight (29463-7, kg), as the module wrote it; NaN when it reports none. */
    private static float lastWeightKg(String bundle) throws Exception {
        float weight = Float.NaN;
        String latest = "";
        for (JsonNode entry : JSON.readTree(bundle).path("entry")) {
            JsonNode resource = entry.path("resource");
            if ("Observation".equals(resource.path("resourceType").asText())
                    && "29463-7".equals(resource.path("code").path("coding").path(0).path("code").asText())
                    && resource.path("effectiveDateTime").asText().compareTo(latest) >= 0) {
                latest = resource.path("effectiveDateTime").asText();
                weight = (float) resource.path("valueQuantity").path("value").asDouble();
            }
        }
        return weight;
    }
}
