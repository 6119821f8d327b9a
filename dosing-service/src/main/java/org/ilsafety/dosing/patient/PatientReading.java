package org.ilsafety.dosing.patient;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * What every kept measurement of a patient has (body weight, renal function): its row id, the patient, the id of the
 * resource it came from (kept once per patient and source) and when it was measured.
 */
@MappedSuperclass
public abstract class PatientReading {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "source_id", nullable = false)
    public String sourceId;

    @Column(name = "measured_at", nullable = false)
    public Instant measuredAt;
}
