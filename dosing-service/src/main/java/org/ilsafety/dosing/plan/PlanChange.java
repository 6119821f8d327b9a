package org.ilsafety.dosing.plan;

import java.time.Instant;

import org.ilsafety.common.knowledge.Provenance;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of a plan, as published, with the rule (and its source) and knowledge version that caused it. */
@Entity
@Table(name = "plan_change")
public class PlanChange {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String change;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String step;

    @Column(name = "dose_mg")
    public Double doseMg;

    public String reason;

    /** The rule behind the change, its source and the knowledge version (columns rule_id, source, knowledge_version). */
    @Embedded
    public Provenance provenance;
}
