package org.ilsafety.dosing.allergy;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.fhir.RecordedConditions;

/** An AllergyIntolerance of the patient from patient-events (the latest version applied). */
@Entity
@Table(name = "patient_allergy")
@IdClass(PatientAllergy.Key.class)
public class PatientAllergy {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    /** {@code AllergyIntolerance/<id>}. */
    @Id
    @Column(name = "resource_ref")
    public String resourceRef;

    /** One {@code system|code} per line ({@link RecordedConditions#codesText}). */
    public String codes;

    public String name;

    /** RecordedConditions.State: ACTIVE, INACTIVE, ENTERED_IN_ERROR, REFUTED. */
    public String state;

    public boolean active;

    @Column(name = "version_id")
    public String versionId;

    @Column(name = "last_updated")
    public Instant lastUpdated;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public RecordedConditions.Recorded recorded() {
        return new RecordedConditions.Recorded(resourceRef, true, RecordedConditions.State.valueOf(state), versionId, lastUpdated,
                RecordedConditions.codes(codes), name);
    }

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
