package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The fault suite's stream at a small scale: many patients' Patient, order and weight interleaved on the bus, so a poll
 * holds several patients' orders. Every order makes a plan; none is dead-lettered (an order used to be, with a
 * NullPointerException, when the service fell behind).
 */
@QuarkusTest
class BusyBusFlowTest extends PlanFlowTestBase {
    private static final int PATIENTS = 120;

    private static List<ConsumerRecord<String, String>> deadLetters() {
        return kafka.drain(Topics.deadLetter(Topics.PATIENT_EVENTS), r -> r.key() != null && r.key().startsWith("busy-p"), Duration.ofSeconds(1));
    }

    @Test
    void everyOrderOfAFullBusMakesAPlanAndNoneIsDeadLettered() {
        List<String> patients = IntStream.range(0, PATIENTS).mapToObj(i -> "busy-p%04d".formatted(i)).toList();
        for (String patient : patients) {
            kafka.send(Topics.PATIENT_EVENTS, patient, "{\"resourceType\":\"Patient\",\"id\":\"%s\",\"meta\":{\"versionId\":\"1\"}}".formatted(patient));
        }
        for (String patient : patients) {
            kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, patient + "-e001", 1, "Actemra", "IV", "RA", "active",
                    "2026-11-01"));
        }
        for (String patient : patients) {
            kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, patient + "-e002", 1, "29463-7", 70, "kg", null,
                    "2026-10-02T08:00:00Z"));
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> !deadLetters().isEmpty() || patients.stream()
                .allMatch(p -> given().get("/api/v1/patients/" + p + "/therapy-plan").statusCode() == 200));
        assertEquals(List.of(), deadLetters().stream().map(r -> TestKafka.header(r, "dead-letter-reason")).toList());
    }
}
