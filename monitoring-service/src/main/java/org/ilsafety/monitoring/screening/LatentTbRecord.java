package org.ilsafety.monitoring.screening;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.patient.PatientResourceKey;

/** A latent tuberculosis Condition of a patient, or a medicine that treats it (screening.yaml latentTb), as last received. */
@Entity
@Table(name = "latent_tb_record")
@IdClass(PatientResourceKey.class)
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
}
