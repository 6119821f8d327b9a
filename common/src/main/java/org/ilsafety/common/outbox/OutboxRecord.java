package org.ilsafety.common.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One event waiting to be relayed to Kafka; written in the transaction of the change that caused it. */
@Entity
@Table(name = "outbox_event")
public class OutboxRecord {
    /**
     * Relay order, assigned by the database at insert (identity column). Not the entity id: an identity id
     * would force every insert out at once, so a poll's outbox rows could not go in one JDBC batch.
     */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Id
    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key")
    public String recordKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    /** Extra Kafka headers as a JSON object of strings (dead-letter metadata, for example). */
    @Column(columnDefinition = "text")
    public String headers;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
