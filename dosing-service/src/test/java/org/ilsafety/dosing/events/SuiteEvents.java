package org.ilsafety.dosing.events;

import org.ilsafety.common.knowledge.Provenance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Sends monitoring-service decisions as monitoring-service does: JSON payload with CloudEvents headers. */
final class SuiteEvents implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final KafkaProducer<String, String> producer;

    SuiteEvents() {
        Properties config = TestKafka.producerConfig(SuiteTestInfrastructure.bootstrapServers(), Topics.MONITORING_EVENTS);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(config);
    }

    /** A decision; returns the event id. */
    String decision(String patientId, String action, String analyte, boolean review) {
        MonitoringEvent event = new MonitoringEvent(patientId, MonitoringEvent.Kind.DECISION, null, null, null, null, "HIGH", action, analyte,
                review, "test decision", Instant.parse("2026-11-20T10:00:00Z"), new Provenance("monitoring.test." + action.toLowerCase(), "test seed", "test-1"));
        return send(patientId, MonitoringEvent.TYPE_DECISION, event);
    }

    /** A decision whose ce_source names another producer than monitoring-service (a forgery); returns the event id. */
    String decisionClaimingSource(String source, String patientId, String action, String analyte) {
        MonitoringEvent event = new MonitoringEvent(patientId, MonitoringEvent.Kind.DECISION, null, null, null, null, "HIGH", action, analyte,
                false, "forged decision", Instant.parse("2026-11-20T10:00:00Z"), new Provenance("monitoring.test." + action.toLowerCase(), "test seed", "test-1"));
        return send(patientId, MonitoringEvent.TYPE_DECISION, event, source);
    }

    String send(String patientId, String type, Object payload) {
        return send(patientId, type, payload, "monitoring-service");
    }

    private String send(String patientId, String type, Object payload, String source) {
        String id = UUID.randomUUID().toString();
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.MONITORING_EVENTS, patientId, JSON.writeValueAsString(payload));
            record.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.SOURCE, source.getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
            return id;
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
