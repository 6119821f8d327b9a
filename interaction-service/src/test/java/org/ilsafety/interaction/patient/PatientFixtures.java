package org.ilsafety.interaction.patient;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.TestKafka;

/** FHIR R4 JSON for medicines and vaccinations, and dosing-service's plan events with their CloudEvents headers. */
public final class PatientFixtures {
    private PatientFixtures() {
    }

    public static String medicationStatement(String patientId, String id, int version, String text, String rxnorm, String status) {
        String coding = rxnorm == null ? "" : ",\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"%s\"}]".formatted(rxnorm);
        return """
                {"resourceType":"MedicationStatement","id":"%s","meta":{"versionId":"%d"},"status":"%s",
                 "medicationCodeableConcept":{"text":"%s"%s},"subject":{"reference":"Patient/%s"}}
                """.formatted(id, version, status, text, coding, patientId);
    }

    public static String medicationRequest(String patientId, String id, int version, String text, String status) {
        return """
                {"resourceType":"MedicationRequest","id":"%s","meta":{"versionId":"%d"},"status":"%s","intent":"order",
                 "medicationCodeableConcept":{"text":"%s"},"subject":{"reference":"Patient/%s"}}
                """.formatted(id, version, status, text, patientId);
    }

    public static String immunization(String patientId, String id, int version, String cvx, String date, String status) {
        String occurrence = date == null ? "" : ",\"occurrenceDateTime\":\"%s\"".formatted(date);
        return """
                {"resourceType":"Immunization","id":"%s","meta":{"versionId":"%d"},"status":"%s",
                 "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"%s"}]},
                 "patient":{"reference":"Patient/%s"}%s}
                """.formatted(id, version, status, cvx, patientId, occurrence);
    }

    /** Sends a plan event as dosing-service's outbox relay would: JSON payload, CloudEvents headers. */
    public static void sendPlanEvent(String bootstrapServers, TherapyPlanEvent event, String json) {
        Properties config = TestKafka.producerConfig(bootstrapServers, Topics.THERAPY_PLAN_EVENTS);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.THERAPY_PLAN_EVENTS, event.patientId(), json);
            record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.SOURCE, "dosing-service".getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.TYPE, TherapyPlanEvent.TYPE.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
            producer.flush();
        } catch (Exception e) {
            throw new IllegalStateException("Send failed", e);
        }
    }

    /**
     * Tocilizumab for 60 days with Humira ({@code MedicationStatement/ms-humira-<patient>}, a MAJOR finding) and, when {@code mmr}, a live MMR vaccine three days ago (CONTRAINDICATED). Resource ids are per patient: an event's idempotency key is type, id and version.
     */
    public static void onTocilizumabWithHumira(TestKafka kafka, String patientId, boolean mmr) {
        kafka.send(Topics.PATIENT_EVENTS, patientId, org.ilsafety.testsupport.FhirFixtures.medicationRequest(patientId, "mr-" + patientId, 1,
                "Actemra", "IV", "RA", "active", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(60) + "T09:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patientId, medicationStatement(patientId, "ms-humira-" + patientId, 1, "Humira 40 mg pen", null, "active"));
        if (mmr) {
            kafka.send(Topics.PATIENT_EVENTS, patientId, immunization(patientId, "imm-mmr-" + patientId, 1, "03",
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3).toString(), "completed"));
        }
    }
}
