package org.ilsafety.interaction.patient;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A medicine of the patient (MedicationStatement, or MedicationRequest other than the therapy order). */
@Entity
@Table(name = "patient_medication")
@IdClass(PatientMedication.Key.class)
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

    public static class Key implements Serializable {
        public String patientId;
        public String resourceRef;

        public Key() {
        }

        public Key(String patientId, String resourceRef) {
            this.patientId = patientId;
            this.resourceRef = resourceRef;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(patientId, k.patientId) && Objects.equals(resourceRef, k.resourceRef);
        }

        @Override
        public int hashCode() {
            return Objects.hash(patientId, resourceRef);
        }
    }
}
