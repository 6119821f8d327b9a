package org.ilsafety.monitoring.infection;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An infection Condition of a patient, active or no longer. */
@Entity
@Table(name = "patient_condition")
@IdClass(PatientCondition.Key.class)
public class PatientCondition {
    @Id
    @Column(name = "patient_id")
    public String patientId;
    @Id
    @Column(name = "condition_id")
    public String conditionId;
    /** The matched infection code (SNOMED CT or ICD-10-CM). */
    @Column(name = "infection_code")
    public String infectionCode;
    @Column(nullable = false)
    public boolean active;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static class Key implements Serializable {
        public String patientId;
        public String conditionId;

        public Key() {
        }

        public Key(String patientId, String conditionId) {
            this.patientId = patientId;
            this.conditionId = conditionId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(patientId, k.patientId) && Objects.equals(conditionId, k.conditionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(patientId, conditionId);
        }
    }
}
