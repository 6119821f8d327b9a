package org.ilsafety.interaction.patient;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.patient.PatientResourceKey;

/** A medicine of the patient (MedicationStatement, or MedicationRequest other than the therapy order). */
@Entity
@Table(name = "patient_medication")
@IdClass(PatientResourceKey.class)
public class PatientMedication {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    /** The FHIR resource it came from, e.g. {@code MedicationStatement/ms-1}. */
    @Id
    @Column(name = "resource_ref")
    public String resourceRef;

    public String name;
    public String rxnorm;
    public String atc;

    @Column(name = "fhir_status")
    public String fhirStatus;

    public boolean active;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
