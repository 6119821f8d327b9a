package org.ilsafety.monitoring.screening;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A latent tuberculosis Condition of a patient, or a medicine that treats it (screening.yaml latentTb), as last received. */
@Entity
@Table(name = "latent_tb_record")
@IdClass(LatentTbRecord.Key.class)
public class LatentTbRecord {
    public static final String CONDITION = "CONDITION";
    public static final String TREATMENT = "TREATMENT";

    @Id
    @Column(name = "patient_id")
    public String patientId;
    /** {@code Condition/<id>}, {@code MedicationRequest/<id>} or {@code MedicationStatement/<id>}. */
    @Id
    @Column(name = "resource_ref")
    public String resourceRef;
    @Column(nullable = false)
    public String kind;
    public String name;
    @Column(nullable = false)
    public boolean active;
    @Column(name = "updated_at", nullable = false)
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
