package org.ilsafety.interaction.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.HospitalShapes;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 17 through the broker: a tocilizumab order whose medicine is a referenced Medication is the therapy,
 * and an etanercept statement whose medicine is a Medication in the same Bundle gives the finding.
 */
@QuarkusTest
class HospitalInputFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void referencedMedicinesInABundleGiveTheTherapyAndTheBiologicCombinationFinding() {
        String patient = "hosp-i1";
        String etanercept = """
                {"fullUrl":"urn:uuid:hosp-i1-etn","resource":{"resourceType":"Medication","id":"hosp-i1-etn",
                  "code":{"coding":[{"system":"%1$s","code":"214555","display":"etanercept"}]}}},
                {"fullUrl":"urn:uuid:hosp-i1-ms","resource":{"resourceType":"MedicationStatement","id":"hosp-i1-ms","status":"active",
                  "medicationReference":{"reference":"urn:uuid:hosp-i1-etn"},
                  "subject":{"identifier":{"system":"urn:oid:2.16.840.1.113883.19.5","value":"MRN-hosp-i1"}}}}
                """.formatted(HospitalShapes.RXNORM);
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, patient, HospitalShapes.ehrExport(patient, etanercept));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/interaction-findings", patient).then()
                    .statusCode(200).body("findings.category", hasItem("BIOLOGIC_DMARD")));
            given().get("/api/v1/patients/{id}/therapy", patient).then().body("productId", equalTo("ACTEMRA")).body("indication", equalTo("RA"));
            given().get("/api/v1/patients/{id}/inputs", patient).then()
                    .body("inputs.find { it.resourceType == 'MedicationStatement' }.outcome", equalTo("APPLIED"))
                    .body("inputs.find { it.resourceType == 'Observation' }", equalTo(null))
                    .body("inputs.find { it.resourceType == 'Encounter' }.reason", equalTo("RESOURCE_TYPE_NOT_USED"));
        }
    }
}
