package org.ilsafety.dosing.weight;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One body-weight reading of a patient, in kilograms. */
@Entity
@Table(name = "weight_reading")
public class WeightReading {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "source_id", nullable = false)
    public String sourceId;

    @Column(name = "measured_at", nullable = false)
    public Instant measuredAt;

    @Column(name = "weight_kg", nullable = false)
    public double weightKg;
}
