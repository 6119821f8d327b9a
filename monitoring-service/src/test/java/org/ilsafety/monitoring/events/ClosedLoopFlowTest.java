package org.ilsafety.monitoring.events;

import org.ilsafety.common.events.PlanStatus;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The lead's end-to-end scenario inside this module, through the broker: an RA IV Actemra order, a low ANC
 * that interrupts (decision + OPEN alert), dosing's INTERRUPTED plan event, a recovered ANC that resumes at
 * the restart dose and resolves the alert.
 */
@QuarkusTest
class ClosedLoopFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void lowAncInterruptsAndRecoveredAncResumesAtTheRestartDose() {
        String patient = "loop-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-loop-1", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "anc-loop-1", 1, "751-8", 800, "/uL", null, "2026-11-10T08:00:00Z"));

            MonitoringEvent interrupt = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals(MonitoringEvent.Kind.DECISION, interrupt.kind());
            assertEquals("INTERRUPT", interrupt.action());
            assertEquals("ANC", interrupt.analyte());
            assertEquals("TCZ-ANC-500-1000", interrupt.ruleId());
            assertNotNull(interrupt.alertId());
            assertNotNull(interrupt.knowledgeVersion());
            assertFalse(interrupt.requiresIndividualReview());
            assertEquals(Instant.parse("2026-11-10T08:00:00Z"), interrupt.observedAt());

            given().get("/api/v1/patients/{id}/alerts?status=OPEN", patient).then().statusCode(200)
                    .body("findAll { it.analyte == 'ANC' }", hasSize(1))
                    .body("find { it.analyte == 'ANC' }.id", equalTo(interrupt.alertId()))
                    .body("find { it.analyte == 'ANC' }.type", equalTo("LAB_ABNORMAL"))
                    .body("find { it.analyte == 'ANC' }.status", equalTo("OPEN"))
                    .body("find { it.analyte == 'ANC' }.severity", equalTo("HIGH"))
                    .body("find { it.analyte == 'ANC' }.action", equalTo("INTERRUPT"))
                    .body("find { it.analyte == 'ANC' }.ruleId", equalTo("TCZ-ANC-500-1000"))
                    .body("find { it.analyte == 'ANC' }.knowledgeVersion", startsWith("2026.11.1+"));

            // dosing-service acts on the decision: its plan event reaches this service's active therapy
            bus.planEvent(MonitoringBus.plan(patient, TherapyPlanEvent.Change.INTERRUPTED, PlanStatus.INTERRUPTED, Instant.parse("2026-11-01T00:00:00Z")));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/therapy", patient).then()
                    .statusCode(200).body("status", equalTo("INTERRUPTED")));

            // a second low ANC while interrupted for ANC is not a new INTERRUPT
            bus.fhir(patient, FhirFixtures.labObservation(patient, "anc-loop-2", 1, "751-8", 700, "/uL", null, "2026-11-12T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "anc-loop-3", 1, "751-8", 1500, "/uL", null, "2026-11-17T08:00:00Z"));

            List<MonitoringEvent> decisions = bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT);
            assertEquals(2, decisions.size());
            MonitoringEvent resume = decisions.get(1);
            assertEquals("RESUME", resume.action());
            assertEquals("ANC", resume.analyte());
            assertEquals(interrupt.alertId(), resume.alertId());
            assertEquals(true, resume.message().contains("4 mg/kg"), resume.message());

            given().get("/api/v1/patients/{id}/alerts", patient).then().statusCode(200)
                    .body("find { it.id == '" + interrupt.alertId() + "' }.status", equalTo("RESOLVED"))
                    .body("find { it.id == '" + interrupt.alertId() + "' }.occurrences", equalTo(2));

            List<MonitoringEvent> all = bus.all(patient, MonitoringEvent.TYPE_DECISION);
            assertEquals(List.of("INTERRUPT", "RESUME"), all.stream().map(MonitoringEvent::action).toList());
            List<MonitoringEvent> alerts = bus.all(patient, MonitoringEvent.TYPE_ALERT).stream()
                    .filter(a -> interrupt.alertId().equals(a.alertId())).toList();
            assertEquals(List.of("OPEN", "RESOLVED"), alerts.stream().map(MonitoringEvent::alertStatus).toList());
        }
    }
}
