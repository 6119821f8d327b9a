package org.ilsafety.interaction.patient;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.fhir.KeptCondition;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.interaction.check.ConditionInput;

/** A Condition or AllergyIntolerance of the patient from patient-events (the latest version applied). */
@Entity
@Table(name = "patient_condition")
@IdClass(PatientMedication.Key.class)
public class PatientCondition extends KeptCondition {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    /** {@code Condition/<id>} or {@code AllergyIntolerance/<id>}. */
    @Id
    @Column(name = "resource_ref")
    public String resourceRef;

    public boolean allergy;

    /**
     * What the checker takes: one input per code (each tried against the rules), or the name alone; a resolved one
     * (clinicalStatus inactive, resolved, remission) is marked so, and counts only as a history where its set says so.
     */
    public List<ConditionInput> inputs() {
        boolean resolved = RecordedConditions.State.INACTIVE.name().equals(state);
        List<ConditionInput> inputs = new ArrayList<>();
        for (RecordedConditions.Code code : RecordedConditions.codes(codes)) {
            inputs.add(new ConditionInput(resourceRef, code.system(), code.code(), name, allergy, resolved));
        }
        if (inputs.isEmpty()) {
            inputs.add(new ConditionInput(resourceRef, null, null, name, allergy, resolved));
        }
        return inputs;
    }
}
