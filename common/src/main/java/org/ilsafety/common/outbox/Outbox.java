package org.ilsafety.common.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.CloudEventHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The only way a service publishes: the event is stored in the caller's transaction and relayed to
 * Kafka after commit by {@link OutboxRelay}, so a state change and the event it causes commit together.
 */
@ApplicationScoped
public class Outbox {
    /** The media type of FHIR resources in JSON (FHIR R4, http.html#mime-type). */
    public static final String FHIR_JSON = "application/fhir+json";
    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final Event<OutboxWritten> written;

    public Outbox(EntityManager entityManager, ObjectMapper objectMapper, Event<OutboxWritten> written) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.written = written;
    }

    /** Stores {@code payload} (serialized as JSON) for {@code topic}; returns the event id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String key, String eventType, Object payload) {
        return publishRaw(topic, key, eventType, toJson(payload), Map.of());
    }

    /** Stores a serialized FHIR resource: its {@code content-type} is {@value #FHIR_JSON}, the FHIR JSON media type. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publishFhir(String topic, String key, String eventType, String resourceJson) {
        return publishRaw(topic, key, eventType, resourceJson, Map.of(CloudEventHeaders.CONTENT_TYPE, FHIR_JSON));
    }

    /** Stores an already serialized payload with extra headers (used for dead letters); a content-type among them replaces the default. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publishRaw(String topic, String key, String eventType, String payload, Map<String, String> headers) {
        OutboxRecord record = new OutboxRecord();
        record.eventId = UUID.randomUUID();
        record.topic = topic;
        record.recordKey = key;
        record.eventType = eventType;
        record.payload = payload == null ? "" : payload;
        record.headers = headers.isEmpty() ? null : toJson(headers);
        record.createdAt = Instant.now();
        entityManager.persist(record);
        written.fire(new OutboxWritten(record.eventId, topic));
        return record.eventId;
    }

    private String toJson(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload cannot be serialized: " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Fired when a transaction wrote to the outbox: the relay wakes up once it commits, and the inbox
     * names the events a consumed event caused in its audit row.
     */
    public record OutboxWritten(UUID eventId, String topic) {
    }
}
