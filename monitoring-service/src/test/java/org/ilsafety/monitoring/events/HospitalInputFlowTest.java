package org.ilsafety.monitoring.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.HospitalShapes;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 17 through the broker: FHIR shaped as US EHRs send it reaches monitoring, and every input says what
 * came of it.
 */
@QuarkusTest
class HospitalInputFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void anEhrExportBundleStartsMonitoringAndAComparatorAncIsGradedOnItsBound() {
        String patient = "hosp-1";
        String anc = HospitalShapes.labEntry(patient, "hosp-1-anc", "751-8",
                "{\"value\":0.1,\"comparator\":\"<\",\"unit\":\"10^9/L\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"10*9/L\"}", null);
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(null, HospitalShapes.ehrExport(patient, anc));
            MonitoringEvent decision = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            // The export has no administration: the therapy is PLANNED and the start thresholds grade (issue 19 item 1).
            assertEquals("DO_NOT_START", decision.action(), "<0.1 10*9/L is under the 2000/mm3 start threshold");
            assertEquals("TCZ-INIT-ANC-LOW", decision.ruleId());
            assertTrue(decision.message().contains("ANC"));
            given().get("/api/v1/patients/{id}/therapy", patient).then().body("indication", equalTo("RA")).body("productId", equalTo("ACTEMRA"));
            given().get("/api/v1/patients/{id}/inputs", patient).then()
                    .body("inputs.find { it.resourceType == 'Encounter' }.outcome", equalTo("IGNORED"))
                    .body("inputs.find { it.resourceType == 'Encounter' }.reason", equalTo("RESOURCE_TYPE_NOT_USED"))
                    .body("inputs.find { it.resourceType == 'MedicationRequest' }.outcome", equalTo("APPLIED"))
                    .body("inputs.find { it.resourceType == 'Observation' }.outcome", equalTo("APPLIED"))
                    .body("inputs.find { it.resourceType == 'Patient' }.reason", equalTo("RESOURCE_TYPE_NOT_USED"))
                    .body("inputs.reason", not(hasItem(containsString(patient))));
        }
    }

    @Test
    void anUnknownIndicationIsGradedWithTheStrictestAdultRulesAndFlaggedNeverNull() {
        String patient = "hosp-2";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, HospitalShapes.orderWithContainedMedication(patient, "hosp-2-mr"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
            bus.fhir(patient, HospitalShapes.lab("Patient/" + patient, "hosp-2-alt", "1742-6",
                    "{\"value\":1000,\"comparator\":\">\",\"unit\":\"U/L\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"U/L\"}",
                    "{\"value\":40,\"code\":\"U/L\"}"));
            MonitoringEvent decision = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("DISCONTINUE", decision.action(), ">1000 U/L with a ULN of 40 is above 5 x ULN");
            assertTrue(decision.requiresIndividualReview());
            assertTrue(decision.message().startsWith("Indication unknown or off-label, graded with the strictest"), decision.message());
            assertFalse(decision.message().contains("null"), decision.message());
        }
    }

    @Test
    void aNonFiniteOrUndecidedValueGivesAnUngradableAlertNotAGrade() {
        String patient = "hosp-3";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, HospitalShapes.orderWithContainedMedication(patient, "hosp-3-mr"));
            bus.fhir(patient, HospitalShapes.lab("Patient/" + patient, "hosp-3-alt", "1742-6", "{\"value\":5000,\"code\":\"U/L\"}",
                    "{\"value\":1e400,\"code\":\"U/L\"}"));
            bus.fhir(patient, HospitalShapes.lab("Patient/" + patient, "hosp-3-plt", "777-3", "{\"value\":80,\"comparator\":\">\",\"code\":\"10*3/uL\"}",
                    null));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body("find { it.analyte == 'ALT' }.type", equalTo("LAB_UNGRADABLE"))
                    .body("find { it.analyte == 'ALT' }.message", containsString("not a finite number"))
                    .body("find { it.analyte == 'PLATELETS' }.type", equalTo("LAB_UNGRADABLE"))
                    .body("find { it.analyte == 'PLATELETS' }.message", containsString("does not decide the band")));
        }
    }

    @Test
    void inputsAreCountedPerServiceTopicOutcomeAndReason() {
        String patient = "hosp-4";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, "{\"resourceType\":\"Practitioner\",\"id\":\"dr-hosp-4\"}");
            bus.fhir(patient, HospitalShapes.lab("Patient/" + patient, "hosp-4-glucose", "2345-7", "{\"value\":5,\"code\":\"mmol/L\"}", null));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs", patient).then()
                    .body("inputs.reason", hasItem("CODE_NOT_MONITORED")));
            String metrics = given().get("/q/metrics").asString();
            assertTrue(metrics.contains("suite_inputs_total{") && metrics.contains("reason=\"CODE_NOT_MONITORED\""), "counted by reason");
            assertTrue(metrics.contains("outcome=\"dead_lettered\""), "every outcome shows, at zero until it happens");
        }
    }
}
