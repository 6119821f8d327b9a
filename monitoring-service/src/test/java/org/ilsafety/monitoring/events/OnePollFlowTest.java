package org.ilsafety.monitoring.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.ilsafety.common.events.Topics;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Several events of one patient in one poll, applied in the poll's one transaction (the lab path writes at
 * commit): an alert raised, resolved and raised again within the poll must not meet the one-active-alert index
 * still active, or the poll would fail and be retried record by record; the plan hold released and taken again
 * is the one row it should be.
 */
@QuarkusTest
class OnePollFlowTest {
    private static final TopicPartition PARTITION = new TopicPartition(Topics.PATIENT_EVENTS, 0);

    @Inject
    PatientEventsConsumer consumer;
    @Inject
    EntityManager entityManager;
    @Inject
    MeterRegistry registry;

    @Test
    void anAlertRaisedResolvedAndRaisedAgainWithinOnePollCommitsAsOneTransaction() {
        String patient = "one-poll-1";
        poll(patient, FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, "Actemra", "IV", "RA", "active", "2026-11-01"),
                MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
        double retriesBefore = retries();

        poll(patient, anc(patient, "a", 800, "2026-11-10T08:00:00Z"), anc(patient, "b", 1500, "2026-11-11T08:00:00Z"),
                anc(patient, "c", 700, "2026-11-12T08:00:00Z"), anc(patient, "d", 1600, "2026-11-13T08:00:00Z"),
                anc(patient, "e", 900, "2026-11-14T08:00:00Z"));

        assertEquals(retriesBefore, retries(), "the poll committed at the first attempt");
        List<?> statuses = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT status FROM alert WHERE patient_id = :patient AND analyte = 'ANC' ORDER BY raised_at, last_observed_at")
                .setParameter("patient", patient).getResultList());
        assertEquals(List.of("RESOLVED", "RESOLVED", "OPEN"), statuses.stream().map(String::valueOf).toList());
        List<?> holds = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT action FROM plan_hold WHERE patient_id = :patient").setParameter("patient", patient).getResultList());
        assertEquals(List.of("INTERRUPT"), holds.stream().map(String::valueOf).toList(), "the hold released and taken again within the poll");
    }

    private static String anc(String patient, String id, double perMicrolitre, String at) {
        return FhirFixtures.labObservation(patient, patient + "-" + id, 1, "751-8", perMicrolitre, "/uL", null, at);
    }

    private void poll(String patient, String... resources) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long offset = System.nanoTime();
        for (String resource : resources) {
            records.add(new ConsumerRecord<>(Topics.PATIENT_EVENTS, 0, offset++, patient, resource));
        }
        consumer.consume(new ConsumerRecords<>(Map.of(PARTITION, records), Map.of()));
    }

    private double retries() {
        return registry.find("suite.inbound.retries").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
