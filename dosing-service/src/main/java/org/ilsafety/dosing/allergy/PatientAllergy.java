package org.ilsafety.dosing.allergy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.fhir.KeptCondition;
import org.ilsafety.common.patient.PatientResourceKey;

/** An AllergyIntolerance of the patient from patient-events (the latest version applied). */
@Entity
@Table(name = "patient_allergy")
@IdClass(PatientResourceKey.class)
public class PatientAllergy extends KeptCondition {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    /** {@code AllergyIntolerance/<id>}. */
    @Id
    @Column(name = "resource_ref")
    public String resourceRef;
}
