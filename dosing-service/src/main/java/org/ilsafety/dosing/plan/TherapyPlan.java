package org.ilsafety.dosing.plan;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A patient's therapy plan for an interleukin-blocking product. */
@Entity
@Table(name = "therapy_plan")
public class TherapyPlan {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "product_id", nullable = false)
    public String productId;

    @Column(name = "molecule_id", nullable = false)
    public String moleculeId;

    public String indication;

    public String route;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public PlanStatus status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "rule_id")
    public String ruleId;

    @Column(name = "knowledge_version")
    public String knowledgeVersion;
}
