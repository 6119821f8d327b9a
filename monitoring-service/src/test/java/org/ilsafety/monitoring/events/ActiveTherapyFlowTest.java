package org.ilsafety.monitoring.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A tocilizumab order on patient-events becomes this service's record of the patient's therapy: PLANNED until the first
 * administration arrives, then ACTIVE (issue 19 item 1).
 */
@QuarkusTest
class ActiveTherapyFlowTest {

    @Test
    void aTyenneOrderIsRecordedAsPlannedUntilItsFirstAdministration() {
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, "active-1",
                    FhirFixtures.medicationRequest("active-1", "mr-active-1", 1, "Tyenne", "SC", "GCA", "active", "2026-11-01"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/patients/active-1/therapy").then()
                .statusCode(200)
                .body("productId", equalTo("TYENNE"))
                .body("moleculeId", equalTo("tocilizumab"))
                .body("route", equalTo("SC"))
                .body("indication", equalTo("GCA"))
                .body("status", equalTo("PLANNED"))
                .body("lastDoseAt", nullValue()));
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, "active-1", MonitoringBus.firstDose("active-1", "Tyenne", "2026-11-03T09:00:00Z"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/patients/active-1/therapy").then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("lastDoseAt", equalTo("2026-11-03T09:00:00Z")));
    }
}
