package org.ilsafety.interaction.patient;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.patient.PatientResourceKey;

/** A vaccination of the patient, given or planned on {@code occurrenceDate}. */
@Entity
@Table(name = "patient_immunization")
@IdClass(PatientResourceKey.class)
public class PatientImmunization {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Id
    @Column(name = "resource_ref")
    public String resourceRef;

    public String cvx;
    public String name;

    @Column(name = "occurrence_date")
    public LocalDate occurrenceDate;

    @Column(name = "fhir_status")
    public String fhirStatus;

    public boolean active;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
