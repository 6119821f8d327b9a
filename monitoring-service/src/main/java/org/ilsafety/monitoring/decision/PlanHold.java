package org.ilsafety.monitoring.decision;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

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
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    /** Holds that keep the therapy from being given (all but a dose reduction). */
    public boolean blocksDosing() {
        return action == Action.INTERRUPT || action == Action.DISCONTINUE || action == Action.DO_NOT_START;
    }

    public static class Key implements Serializable {
        public String patientId;
        public String cause;

        public Key() {
        }

        public Key(String patientId, String cause) {
            this.patientId = patientId;
            this.cause = cause;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(patientId, k.patientId) && Objects.equals(cause, k.cause);
        }

        @Override
        public int hashCode() {
            return Objects.hash(patientId, cause);
        }
    }
}
