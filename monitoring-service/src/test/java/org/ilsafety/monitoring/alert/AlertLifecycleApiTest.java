package org.ilsafety.monitoring.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.monitoring.schedule.LabDueJob;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Acknowledgement, dashboard filters and paging, and LAB_DUE / LAB_OVERDUE alerts from the schedule. */
@QuarkusTest
class AlertLifecycleApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    LabDueJob dueJob;

    @Test
    void anAlertIsAcknowledgedByAPersonAndFilteredOnTheDashboard() {
        String patient = "ack-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-ack-1", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "ack-plt-1", 1, "777-3", 70, "10*9/L", null, "2026-11-10T08:00:00Z"));
            MonitoringEvent decision = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            String id = decision.alertId();
            given().header("Authorization", TestTokens.bearer("nurse.lee", "clinician")).contentType(ContentType.JSON)
                    .body("{\"reason\":\"Prescriber informed\"}")
                    .post("/api/v1/alerts/{id}/acknowledgement", id).then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("acknowledgedBy", equalTo("nurse.lee"))
                    .body("acknowledgementReason", equalTo("Prescriber informed"))
                    .body("acknowledgedAt", notNullValue());
            var events = bus.await(patient, MonitoringEvent.TYPE_ALERT, 2, WAIT);
            assertTrue(events.stream().anyMatch(e -> "ACKNOWLEDGED".equals(e.alertStatus()) && id.equals(e.alertId())));

            given().get("/api/v1/alerts?status=ACKNOWLEDGED&patientId={p}&type=LAB_ABNORMAL&severity=HIGH", patient).then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].id", equalTo(id)).body("total", equalTo(1));
            given().get("/api/v1/alerts?status=OPEN&patientId={p}&type=LAB_ABNORMAL", patient).then().body("total", equalTo(0));
            given().get("/api/v1/alerts?size=1&page=0&from=2000-01-01T00:00:00Z").then().statusCode(200)
                    .body("items", hasSize(1)).body("total", greaterThanOrEqualTo(1));
            given().get("/api/v1/alerts?severity=SEVERE").then().statusCode(400).body(containsString("severity"));
            given().get("/api/v1/alerts?from=yesterday").then().statusCode(400).body(containsString("from"));
            given().contentType(ContentType.JSON).body("{\"by\":\"someone-else\"}").post("/api/v1/alerts/{id}/acknowledgement", id).then()
                    .statusCode(400).body(containsString("by"));
            given().contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/alerts/{id}/acknowledgement", "00000000-0000-0000-0000-000000000000").then().statusCode(404);

            // an acknowledged alert is still the active one: a worse result escalates it back to OPEN
            bus.fhir(patient, FhirFixtures.labObservation(patient, "ack-plt-2", 1, "777-3", 40, "10*9/L", null, "2026-11-12T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/alerts/{id}", id).then()
                    .body("status", equalTo("OPEN")).body("severity", equalTo("CRITICAL")));
            // the reason is optional, and so is the body, whatever media type an empty request names (curl names none)
            given().header("Authorization", TestTokens.bearer("nurse.lee", "clinician")).post("/api/v1/alerts/{id}/acknowledgement", id)
                    .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo("nurse.lee"));
            given().header("Authorization", TestTokens.bearer("nurse.lee", "clinician")).contentType(ContentType.JSON)
                    .post("/api/v1/alerts/{id}/acknowledgement", id).then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
            given().header("Authorization", TestTokens.bearer("dr.kim", "pharmacist")).contentType(ContentType.JSON)
                    .body("{\"reason\":\"Therapy stopped\"}")
                    .post("/api/v1/alerts/{id}/resolution", id).then().statusCode(200)
                    .body("status", equalTo("RESOLVED")).body("resolvedBy", equalTo("dr.kim"));
            given().contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/{id}/acknowledgement", id).then().statusCode(422);
        }
    }

    @Test
    void theScheduleRaisesDueAndOverdueAlertsAndAResultClearsThem() {
        String patient = "sched-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-sched-1", 1, "Actemra", "IV", "RA", "active", "2026-01-05"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/monitoring-schedule", patient).then()
                    .statusCode(200)
                    .body("entries", hasSize(4))
                    .body("entries.find { it.group == 'TB_RETEST' }.dueAt", equalTo("2027-01-05T00:00:00Z"))
                    .body("entries.find { it.group == 'BLOOD_COUNT' }.dueAt", equalTo("2026-02-02T00:00:00Z"))
                    .body("entries.find { it.group == 'BLOOD_COUNT' }.overdueAt", equalTo("2026-03-02T00:00:00Z"))
                    .body("entries.find { it.group == 'LIVER' }.ruleId", equalTo("TCZ-SCHED-LFT")));
            dueJob.check(Instant.parse("2026-02-10T00:00:00Z"));
            given().get("/api/v1/patients/{id}/alerts?status=OPEN", patient).then()
                    .body("findAll { it.type == 'LAB_DUE' }", hasSize(3));
            dueJob.check(Instant.parse("2026-03-10T00:00:00Z"));
            dueJob.check(Instant.parse("2026-03-11T00:00:00Z"));
            given().get("/api/v1/patients/{id}/alerts?status=OPEN", patient).then()
                    .body("findAll { it.type == 'LAB_DUE' }", hasSize(0))
                    .body("findAll { it.type == 'LAB_OVERDUE' }", hasSize(3));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "sched-anc-1", 1, "751-8", 2500, "/uL", null, "2026-03-12T08:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts?status=OPEN", patient).then()
                    .body("findAll { it.type == 'LAB_OVERDUE' }", hasSize(2)));
            given().get("/api/v1/patients/{id}/monitoring-schedule", patient).then()
                    .body("entries.find { it.group == 'BLOOD_COUNT' }.dueAt", equalTo("2026-06-11T08:00:00Z"));
            given().get("/api/v1/patients/{id}/monitoring-schedule", "nobody").then().statusCode(404);
        }
    }
}
