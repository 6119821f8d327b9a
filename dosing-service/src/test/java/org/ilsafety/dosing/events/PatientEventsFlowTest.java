package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.inbox.DeadLetterHeaders;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Through the real broker and database: orders become plans, once; poison goes to the dead letters. */
@QuarkusTest
class PatientEventsFlowTest {
    static TestKafka kafka;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void anActemraOrderStartsOneTherapyPlanEvenWhenDeliveredTwice() {
        String order = FhirFixtures.medicationRequest("flow-1", "mr-flow-1", 1, "Actemra", "IV", "RA", "active", "2026-11-01");
        kafka.send(Topics.PATIENT_EVENTS, "flow-1", order);
        kafka.send(Topics.PATIENT_EVENTS, "flow-1", order);

        List<ConsumerRecord<String, String>> started = kafka.await(Topics.THERAPY_PLAN_EVENTS,
                r -> "flow-1".equals(r.key()) && r.value().contains(TherapyPlanEvent.Change.STARTED.name()), 1, Duration.ofSeconds(30));
        assertEquals(1, started.size(), "a STARTED event is published");
        assertEquals(TherapyPlanEvent.TYPE, TestKafka.header(started.get(0), CloudEventHeaders.TYPE));
        assertEquals("dosing-service", TestKafka.header(started.get(0), CloudEventHeaders.SOURCE));

        given().when().get("/api/v1/patients/flow-1/therapy-plan").then()
                .statusCode(200)
                .body("productId", equalTo("ACTEMRA"))
                .body("route", equalTo("IV"))
                .body("indication", equalTo("RA"))
                .body("status", equalTo("ACTIVE"));

        List<ConsumerRecord<String, String>> all = kafka.drain(Topics.THERAPY_PLAN_EVENTS, r -> "flow-1".equals(r.key()), Duration.ofSeconds(3));
        assertEquals(1, all.size(), "the redelivered order changes nothing");
    }

    @Test
    void aPayloadThatIsNotFhirGoesToTheDeadLetterTopicWithItsReason() {
        kafka.send(Topics.PATIENT_EVENTS, "flow-2", "{not json at all");

        List<ConsumerRecord<String, String>> dead = kafka.await(Topics.deadLetter(Topics.PATIENT_EVENTS),
                r -> "flow-2".equals(r.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        ConsumerRecord<String, String> letter = dead.get(0);
        assertEquals("dosing-service", TestKafka.header(letter, DeadLetterHeaders.SERVICE));
        assertEquals("NOT_FHIR_JSON", TestKafka.header(letter, DeadLetterHeaders.REASON_CODE));
        assertEquals(Topics.PATIENT_EVENTS, TestKafka.header(letter, DeadLetterHeaders.TOPIC));

        // The consumer goes on after the poison record.
        kafka.send(Topics.PATIENT_EVENTS, "flow-2",
                FhirFixtures.medicationRequest("flow-2", "mr-flow-2", 1, "Kineret", "SC", "RA", "active", "2026-11-02"));
        List<ConsumerRecord<String, String>> started = kafka.await(Topics.THERAPY_PLAN_EVENTS, r -> "flow-2".equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertEquals(1, started.size());
    }

    @Test
    void anUnknownPatientHasNoPlan() {
        given().when().get("/api/v1/patients/nobody/therapy-plan").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
