package org.ilsafety.monitoring.decision;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.monitoring.grading.Action;

/**
 * One cause that currently holds a plan change for a patient (ANC, ALT, INFECTION:&lt;condition&gt;, SCREEN:TB):
 * the decision already sent for it, so the same ongoing state is never decided twice.
 */
@Entity
@Table(name = "plan_hold")
@IdClass(PlanHold.Key.class)
public class PlanHold {
    @Id
    @Column(name = "patient_id")
    public String patientId;
    @Id
    public String cause;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;
    @Column(nullable = false)
    public String analyte;
    /** The rule of the decision sent (columns rule_id, source, knowledge_version). */
    @Embedded
    public Provenance provenance;
    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    /** Holds that keep the therapy from being given (all but a dose reduction). */
    public boolean blocksDosing() {
        return action == Action.INTERRUPT || action == Action.DISCONTINUE || action == Action.DO_NOT_START;
    }

    /** The rule of the decision sent, {@link Provenance#NONE} when none is recorded. */
    public Provenance provenance() {
        return provenance == null ? Provenance.NONE : provenance;
    }

    public record Key(String patientId, String cause) implements Serializable {
    }
}
