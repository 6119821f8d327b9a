package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.HospitalShapes;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Issue 17 through the broker: an EHR export Bundle starts the plan; every entry says what came of it. */
@QuarkusTest
class HospitalInputFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void anEhrExportBundleWithReferencedMedicineAndSnomedReasonStartsThePlanAndListsEveryEntry() {
        String patient = "hosp-d1";
        String weight = HospitalShapes.labEntry(patient, "hosp-d1-wt", "29463-7", "{\"value\":154.3,\"unit\":\"lbs\"}", null);
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, patient, HospitalShapes.ehrExport(patient, weight));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/therapy-plan", patient).then()
                    .statusCode(200)
                    .body("productId", equalTo("ACTEMRA"))
                    .body("indication", equalTo("RA"))
                    .body("route", equalTo("IV"))
                    .body("dosingWeightKg", both(greaterThan(69.9f)).and(lessThan(70.1f)))); // 154.3 lbs; JSON numbers read as Float
            given().get("/api/v1/patients/{id}/inputs", patient).then().log().ifValidationFails()
                    .body("inputs.find { it.resourceType == 'MedicationRequest' }.outcome", equalTo("APPLIED"))
                    .body("inputs.find { it.resourceType == 'Observation' }.outcome", equalTo("APPLIED"))
                    .body("inputs.find { it.resourceType == 'Encounter' }.reason", equalTo("RESOURCE_TYPE_NOT_USED"))
                    .body("inputs.find { it.resourceType == 'Medication' }.reason", equalTo("KEPT_FOR_REFERENCE"))
                    .body("inputs.outcome", hasItem("APPLIED"));
        }
    }

    @Test
    void anOrderForAnUnrecognisedMedicineIsIgnoredWithItsReason() {
        String patient = "hosp-d2";
        String order = """
                {"resourceType":"MedicationRequest","id":"hosp-d2-mr","status":"active","intent":"order",
                 "medicationCodeableConcept":{"text":"paracetamol 500 mg"},"subject":{"reference":"Patient/hosp-d2"}}""";
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, patient, order);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs", patient).then()
                    .body("inputs[0].outcome", equalTo("IGNORED"))
                    .body("inputs[0].reason", equalTo("MEDICINE_UNRECOGNIZED")));
        }
    }
}
