package org.ilsafety.dosing.patient;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A patient's birth date, from the Patient resource. */
@Entity
@Table(name = "patient_birth_date")
public class PatientBirthDate {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;
}
