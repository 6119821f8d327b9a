package org.ilsafety.common.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.events.Topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Validates a record another service of the suite published: CloudEvents headers (the idempotency key
 * is source + id; the source must be the service the topic belongs to) and a JSON payload of the expected type with a patient id matching the record key.
 */
@ApplicationScoped
public class SuiteEventParser {
    private final ObjectMapper objectMapper;

    public SuiteEventParser(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public <T> InboundEvent<T> parse(ConsumerRecord<String, String> record, Class<T> payloadType,
            java.util.function.Function<T, String> patientIdOf) {
        String id = CloudEventHeaders.read(record.headers(), CloudEventHeaders.ID)
                .orElseThrow(() -> new EventRejected("MISSING_EVENT_ID", "The record has no ce_id header"));
        String source = CloudEventHeaders.read(record.headers(), CloudEventHeaders.SOURCE)
                .orElseThrow(() -> new EventRejected("MISSING_EVENT_SOURCE", "The record has no ce_source header"));
        java.util.Optional<String> producer = Topics.producerOf(record.topic());
        if (producer.isPresent() && !producer.get().equals(source)) {
            // The broker's ACLs let only the producer's principal write here; this catches what slips past them.
            throw new EventRejected("UNEXPECTED_EVENT_SOURCE",
                    "ce_source is not " + producer.get() + ", the only producer of " + record.topic());
        }
        String type = CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE).orElse(payloadType.getSimpleName());
        T payload;
        try {
            // A tolerant reader: a field a newer producer added must not dead-letter the event here.
            payload = objectMapper.readerFor(payloadType).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(record.value() == null ? "" : record.value());
        } catch (JsonProcessingException e) {
            throw new EventRejected("INVALID_PAYLOAD", "The payload is not a valid " + payloadType.getSimpleName());
        }
        String patientId = payload == null ? null : patientIdOf.apply(payload);
        if (patientId == null || patientId.isBlank()) {
            throw new EventRejected("MISSING_PATIENT_REFERENCE", payloadType.getSimpleName() + " has no patient id");
        }
        if (record.key() != null && !record.key().equals(patientId)) {
            throw new EventRejected("KEY_MISMATCH", "The record key is not the patient id of the event");
        }
        return new InboundEvent<>(source + "/" + id, patientId, type, payload);
    }
}
