package org.ilsafety.dosing.plan;

import org.ilsafety.common.events.PlanStatus;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.dosing.calculation.Step;
import org.ilsafety.dosing.renal.RenalReading;

/** A patient's therapy plan for an interleukin-blocking product (the entity; the API returns a view). */
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
    @Enumerated(EnumType.STRING)
    public PlanStatus status;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Step step = Step.INITIAL;

    @Column(name = "off_label", nullable = false)
    public boolean offLabel;

    /** The prescriber-entered regimen of an off-label plan, as JSON. */
    @Column(name = "prescriber_regimen")
    public String prescriberRegimen;

    /** The prescriber's mg/kg where the label gives a range. */
    @Column(name = "requested_mg_per_kg")
    public Double requestedMgPerKg;

    @Column(name = "dosing_weight_kg")
    public Double dosingWeightKg;

    /** The renal-function reading (creatinine clearance or eGFR) the dose uses, when one is on file. */
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "renal_reading_id")
    public RenalReading renalReading;

    @Column(name = "age_years")
    public Double ageYears;

    @Column(name = "dose_mg")
    public Double doseMg;

    @Column(name = "dose_interval")
    public String doseInterval;

    /** The current dose calculation, as JSON. */
    @Column(name = "current_dose")
    public String currentDose;

    /** Why no dose could be calculated (no weight yet, no labeled regimen), when so. */
    @Column(name = "dose_issue")
    public String doseIssue;

    @Column(name = "doses_given", nullable = false)
    public int dosesGiven;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "last_dose_at")
    public Instant lastDoseAt;

    @Column(name = "next_due_at")
    public Instant nextDueAt;

    @Column(name = "earliest_repeat_at")
    public Instant earliestRepeatAt;

    @Column(name = "review_required", nullable = false)
    public boolean reviewRequired;

    /** A DO_NOT_START decision arrived before any dose was given: the first dose must not be given. */
    @Column(name = "start_blocked", nullable = false)
    public boolean startBlocked;

    /** The due time whose miss was already flagged (published once per missed due time). */
    @Column(name = "overdue_flagged_due")
    public Instant overdueFlaggedDue;

    /** The analytes (ANC, PLATELETS, ALT, INFECTION, ...) the plan is interrupted for, comma-separated. */
    @Column(name = "interrupted_for")
    public String interruptedFor;

    /** The analytes that block the start, comma-separated. */
    @Column(name = "blocked_for")
    public String blockedFor;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The rule of the last change, its source and the knowledge version (columns rule_id, source, knowledge_version). */
    @Embedded
    public Provenance provenance;

    @Version
    public long version;

    public Set<String> interruptions() {
        return split(interruptedFor);
    }

    public void interruptions(Set<String> analytes) {
        interruptedFor = analytes.isEmpty() ? null : String.join(",", analytes);
    }

    public Set<String> blocks() {
        return split(blockedFor);
    }

    public void blocks(Set<String> analytes) {
        blockedFor = analytes.isEmpty() ? null : String.join(",", analytes);
        startBlocked = !analytes.isEmpty();
    }

    private static Set<String> split(String value) {
        Set<String> result = new LinkedHashSet<>();
        if (value != null && !value.isBlank()) {
            result.addAll(java.util.Arrays.asList(value.split(",")));
        }
        return result;
    }
}
