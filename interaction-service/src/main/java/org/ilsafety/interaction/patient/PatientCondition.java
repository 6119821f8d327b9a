package org.ilsafety.interaction.patient;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.ilsafety.common.fhir.KeptCondition;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.patient.PatientResourceKey;
import org.ilsafety.interaction.check.ConditionInput;

/** A Condition or AllergyIntolerance of the patient from patient-events (the latest version applied). */
@Entity
@Table(name = "patient_condition")
@IdClass(PatientResourceKey.class)
public class PatientCondition extends KeptCondition {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    /** {@code Condition/<id>} or {@code AllergyIntolerance/<id>}. */
    @Id
    @Column(name = "resource_ref")
    public String resourceRef;

    public boolean allergy;

    /** The status an Observation reported (rules.yaml observedStatuses id: PREGNANCY, LACTATION); null for a Condition or allergy. */
    @Column(name = "observed_kind")
    public String observedKind;

    /** When that Observation's reading applies (effective, else issued, else when received). */
    @Column(name = "observed_at")
    public java.time.Instant observedAt;

    /**
     * What the checker takes ({@link ConditionInput#of}): a resolved one is marked so, and counts only as a history where its set
     * says so; a row not yet kept (no state) is taken as holding.
     */
    public List<ConditionInput> inputs() {
        return ConditionInput.of(state == null ? new RecordedConditions.Recorded(resourceRef, allergy,
                RecordedConditions.State.ACTIVE, versionId, lastUpdated,
                RecordedConditions.codes(codes), name) : recorded(resourceRef, allergy));
    }
}
