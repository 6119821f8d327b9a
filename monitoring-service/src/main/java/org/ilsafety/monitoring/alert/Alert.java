package org.ilsafety.monitoring.alert;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.monitoring.grading.Action;

/** An alert about one condition of one patient: (patient, type, subject) has at most one active alert. */
@Entity
@Table(name = "alert")
public class Alert {
    @Id
    public UUID id;
    @Column(name = "patient_id", nullable = false)
    public String patientId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertType type;
    @Column(nullable = false)
    public String subject;
    public String analyte;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertStatus status;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;
    @Enumerated(EnumType.STRING)
    public Action action;
    @Column(nullable = false)
    public String message;
    /** The rule behind the alert (columns rule_id, source, knowledge_version); null when raised without one. */
    @Embedded
    public Provenance provenance;
    @Column(name = "requires_individual_review", nullable = false)
    public boolean requiresIndividualReview;
    @Column(nullable = false)
    public int occurrences;
    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "last_observed_at")
    public Instant lastObservedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledgement_reason")
    public String acknowledgementReason;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    public String resolution;
    @Version
    public long version;

    /** The rule behind the alert, {@link Provenance#NONE} when it has none. */
    public Provenance provenance() {
        return provenance == null ? Provenance.NONE : provenance;
    }
}
