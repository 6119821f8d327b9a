package org.ilsafety.interaction.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.knowledge.Provenance;

/** A finding of the patient re-check: OPEN while it holds, CLOSED when it ends (it may open again). */
@Entity
@Table(name = "interaction_finding")
@IdClass(InteractionFinding.Key.class)
public class InteractionFinding {
    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Id
    @Column(name = "finding_key")
    public String findingKey;

    /** Opaque id for URLs (the natural key holds the patient id). */
    public UUID id;

    public String status;
    public String category;
    public String severity;

    /** The rule, its source and the knowledge version (columns {@code rule_id}, {@code source}, {@code knowledge_version}). */
    @Embedded
    public Provenance provenance;

    public boolean verified;

    @Column(name = "input_ref")
    public String inputRef;

    @Column(name = "input_name")
    public String inputName;

    @Column(name = "resolved_kind")
    public String resolvedKind;

    @Column(name = "resolved_id")
    public String resolvedId;

    @Column(name = "resolved_display")
    public String resolvedDisplay;

    public String mechanism;
    public String management;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "close_reason")
    public String closeReason;

    /** A person's acknowledgement of the current episode (cleared when the finding opens again). */
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledgement_reason")
    public String acknowledgementReason;

    /** The {@code @IdClass} key: the patient and the finding's stable key. */
    public record Key(String patientId, String findingKey) implements java.io.Serializable {
    }
}
