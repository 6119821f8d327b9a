package org.ilsafety.interaction.patient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.interaction.check.ConditionInput;

/** A Condition or AllergyIntolerance of the patient from patient-events (the latest version applied). */
@Entity
@Table(name = "patient_condition")
@IdClass(PatientMedication.Key.class)
public class PatientCondition {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    /** {@code Condition/<id>} or {@code AllergyIntolerance/<id>}. */
    @Id
    @Column(name = "resource_ref")
    public String resourceRef;

    public boolean allergy;

    /** One {@code system|code} per line. */
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

    /** What the checker takes: one input per code (each tried against the rules), or the name alone. */
    public List<ConditionInput> inputs() {
        List<ConditionInput> inputs = new ArrayList<>();
        for (RecordedConditions.Code code : RecordedConditions.codes(codes)) {
            inputs.add(new ConditionInput(resourceRef, code.system(), code.code(), name, allergy));
        }
        if (inputs.isEmpty()) {
            inputs.add(new ConditionInput(resourceRef, null, null, name, allergy));
        }
        return inputs;
    }
}
