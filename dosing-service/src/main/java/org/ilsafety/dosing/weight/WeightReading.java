package org.ilsafety.dosing.weight;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.ilsafety.dosing.patient.PatientReading;

/** One body-weight reading of a patient, in kilograms. */
@Entity
@Table(name = "weight_reading")
public class WeightReading extends PatientReading {
    @Column(name = "weight_kg", nullable = false)
    public double weightKg;
}
