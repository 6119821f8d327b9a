package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.restassured.path.json.JsonPath;

/** What the plan flow tests share: the broker, monitoring decisions, and reading the plan through the API. */
abstract class PlanFlowTestBase {
    static TestKafka kafka;
    static SuiteEvents monitoring;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers());
        monitoring = new SuiteEvents();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
        monitoring.close();
    }

    static JsonPath plan(String patient) {
        return given().when().get("/api/v1/patients/" + patient + "/therapy-plan").then().statusCode(200).extract().jsonPath();
    }

    static void awaitPlan(String patient, String path, Object value) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().when().get("/api/v1/patients/" + patient + "/therapy-plan").then().statusCode(200).body(path, equalTo(value)));
    }
}
