package org.ilsafety.dosing.allergy;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.fhir.KeptCondition;

/** An AllergyIntolerance of the patient from patient-events (the latest version applied). */
@Entity
@Table(name = "patient_allergy")
@IdClass(PatientAllergy.Key.class)
public class PatientAllergy extends KeptCondition {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    /** {@code AllergyIntolerance/<id>}. */
    @Id
    @Column(name = "resource_ref")
    public String resourceRef;

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
