package org.ilsafety.monitoring.screening;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 19, tuberculosis, through the broker and PostgreSQL: untreated latent TB blocks the start and a treatment on record
 * turns it into information; a tuberculin skin test is graded on its induration; the yearly re-test is on the schedule and
 * counts from the last TB screen.
 */
@QuarkusTest
class LatentTuberculosisFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ALERT = "find { it.subject == '%s' }.";

    private static String order(String patient) {
        return FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, "Actemra", "IV", "RA", "active", "2026-11-01");
    }

    private static String tst(String patient, String id, double mm, String at) {
        return FhirFixtures.labObservation(patient, id, 1, "1648-5", mm, "mm", null, at);
    }

    private static List<String> actions(List<MonitoringEvent> decisions) {
        return decisions.stream().map(MonitoringEvent::action).toList();
    }

    @Test
    void untreatedLatentTbBlocksTheStartAndATreatmentOnRecordMakesItInformation() {
        String patient = "ltbi-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient));
            bus.fhir(patient, MonitoringBus.condition(patient, "ltbi-cond", 1, "11999007", "active", "confirmed"));
            MonitoringEvent block = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("DO_NOT_START", block.action());
            assertEquals("SCREEN-LATENT-TB", block.ruleId());
            given().get("/api/v1/alerts/{id}", block.alertId()).then().body("subject", equalTo("SCREEN:LATENT-TB"))
                    .body("message", containsString("treat the latent infection before the first dose")).body("source", containsString("USPI Actemra"));

            bus.fhir(patient, FhirFixtures.medicationStatement(patient, "ltbi-inh", "isoniazid 300 MG Oral Tablet", "6038", "2026-11-02"));
            assertEquals(List.of("DO_NOT_START", "RESUME"), actions(bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT)));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body(ALERT.formatted("SCREEN:LATENT-TB") + "status", equalTo("RESOLVED"))
                    .body(ALERT.formatted("SCREEN:LATENT-TB-TREATED") + "status", equalTo("OPEN"))
                    .body(ALERT.formatted("SCREEN:LATENT-TB-TREATED") + "severity", equalTo("LOW"))
                    .body(ALERT.formatted("SCREEN:LATENT-TB-TREATED") + "action", equalTo("MONITOR")));

            // the latent TB resolved: the information ends too
            bus.fhir(patient, MonitoringBus.condition(patient, "ltbi-cond", 2, "11999007", "resolved", "confirmed"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/alerts", patient).then()
                    .body(ALERT.formatted("SCREEN:LATENT-TB-TREATED") + "status", equalTo("RESOLVED")));
        }
    }

    @Test
    void aTuberculinSkinTestOfFiveMillimetresBlocksTheStartAndTheYearlyReTestCountsFromTheLastScreen() {
        String patient = "tst-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, order(patient));
            bus.fhir(patient, tst(patient, "tst-1-a", 5, "2026-11-03T08:00:00Z"));
            MonitoringEvent block = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("DO_NOT_START", block.action());
            assertEquals("SCREEN-TB", block.ruleId());
            bus.fhir(patient, tst(patient, "tst-1-b", 3, "2026-11-10T08:00:00Z"));
            assertEquals(List.of("DO_NOT_START", "RESUME"), actions(bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT)));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/monitoring-schedule", patient).then()
                    .body("entries.find { it.group == 'TB_RETEST' }.ruleId", equalTo("TCZ-SCHED-TB-RETEST"))
                    .body("entries.find { it.group == 'TB_RETEST' }.lastResultAt", equalTo("2026-11-10T08:00:00Z"))
                    .body("entries.find { it.group == 'TB_RETEST' }.dueAt", equalTo("2027-11-10T08:00:00Z")));
        }
    }
}
