package org.ilsafety.monitoring;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.events.PlanStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The broker as the other services use it: FHIR in, dosing's plan events in, monitoring events out. */
public final class MonitoringBus implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers());
    private final KafkaProducer<String, String> producer;

    public MonitoringBus() {
        Properties config = TestKafka.producerConfig(SuiteTestInfrastructure.bootstrapServers(), Topics.THERAPY_PLAN_EVENTS);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(config);
    }

    public void fhir(String patientId, String json) {
        kafka.send(Topics.PATIENT_EVENTS, patientId, json);
    }

    /** Publishes a plan event as dosing-service does (CloudEvents headers, JSON payload). */
    public void planEvent(TherapyPlanEvent event) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.THERAPY_PLAN_EVENTS, event.patientId(), JSON.writeValueAsString(event));
            record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.SOURCE, "dosing-service".getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.TYPE, TherapyPlanEvent.TYPE.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Plan event not sent", e);
        }
    }

    /** Waits for {@code count} monitoring events of the patient of one type (decision or alert), in order. */
    public List<MonitoringEvent> await(String patientId, String type, int count, Duration timeout) {
        return kafka.await(Topics.MONITORING_EVENTS, r -> patientId.equals(r.key()) && type.equals(TestKafka.header(r, CloudEventHeaders.TYPE)),
                count, timeout).stream().map(MonitoringBus::event).toList();
    }

    /** Every monitoring event of the patient of one type, once the topic has been quiet for a while. */
    public List<MonitoringEvent> all(String patientId, String type) {
        return kafka.drain(Topics.MONITORING_EVENTS, r -> patientId.equals(r.key()) && type.equals(TestKafka.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(3)).stream().map(MonitoringBus::event).toList();
    }

    public List<ConsumerRecord<String, String>> deadLetters(String patientId, int count) {
        return kafka.await(Topics.deadLetter(Topics.PATIENT_EVENTS), r -> patientId.equals(r.key()), count, Duration.ofSeconds(30));
    }

    public static TherapyPlanEvent plan(String patientId, TherapyPlanEvent.Change change, PlanStatus status, Instant startedAt) {
        return new TherapyPlanEvent(patientId, change, "tocilizumab", "ACTEMRA", "RA", "IV", status, null, null, startedAt, null, null,
                "test", new Provenance("TEST-RULE", null, "test"));
    }

    private static MonitoringEvent event(ConsumerRecord<String, String> record) {
        try {
            return JSON.readValue(record.value(), MonitoringEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException("Not a MonitoringEvent", e);
        }
    }

    /**
     * The first dose of the ordered product, given at {@code effective}: the therapy is PLANNED (graded with the start
     * thresholds) until it arrives, then ACTIVE (issue 19 item 1).
     */
    public static String firstDose(String patientId, String productName, String effective) {
        return FhirFixtures.medicationAdministration(patientId, "dose-1-" + patientId, productName, 100, effective);
    }

    /** A FHIR Condition (SNOMED CT code) with a clinical status. */
    public static String condition(String patientId, String id, int version, String snomed, String clinicalStatus, String verificationStatus) {
        return """
                {"resourceType":"Condition","id":"%s","meta":{"versionId":"%d"},
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},
                 "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"%s"}]},
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]},
                 "subject":{"reference":"Patient/%s"}}
                """.formatted(id, version, clinicalStatus, verificationStatus, snomed, patientId);
    }

    /** A screen Observation (TB, HBV) with a SNOMED CT positive/negative value. */
    public static String screen(String patientId, String id, String loinc, boolean positive, String effective) {
        return """
                {"resourceType":"Observation","id":"%s","meta":{"versionId":"1"},"status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]}}
                """.formatted(id, loinc, patientId, effective, positive ? "10828004" : "260385009");
    }

    @Override
    public void close() {
        kafka.close();
        producer.close(Duration.ofSeconds(5));
    }
}
