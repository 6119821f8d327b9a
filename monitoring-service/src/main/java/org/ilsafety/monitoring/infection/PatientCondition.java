package org.ilsafety.monitoring.infection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.patient.PatientResourceKey;

/** An infection Condition of a patient, active or no longer. */
@Entity
@Table(name = "patient_condition")
@IdClass(PatientResourceKey.class)
public class PatientCondition {
    @Id
    @Column(name = "patient_id")
    public String patientId;
    /** The Condition's id (column {@code condition_id}). */
    @Id
    @Column(name = "condition_id")
    public String resourceRef;
    /** The matched infection code (SNOMED CT or ICD-10-CM). */
    @Column(name = "infection_code")
    public String infectionCode;
    @Column(nullable = false)
    public boolean active;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
