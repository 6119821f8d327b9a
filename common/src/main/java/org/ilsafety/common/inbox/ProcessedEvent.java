package org.ilsafety.common.inbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The idempotency key of an inbound event this service has applied (or dead-lettered). */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent {
    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;
}
