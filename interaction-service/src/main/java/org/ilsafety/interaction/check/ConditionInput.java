package org.ilsafety.interaction.check;

import java.util.ArrayList;
import java.util.List;

import org.ilsafety.common.fhir.RecordedConditions;

/**
 * A patient's condition or allergy as given (a Condition or AllergyIntolerance): a code with its system
 * (ICD-10-CM, SNOMED CT, RxNorm for an allergy to a medicine) and/or a name. {@code allergy} tells which.
 * {@code resolved}: a Condition whose clinicalStatus is resolved, inactive or remission; it counts only for a condition
 * set that counts resolved ones ({@code countsWhenResolved}, a history such as diverticulitis); a resolved allergy never.
 */
public record ConditionInput(String ref, String system, String code, String name, boolean allergy, boolean resolved) {
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /**
     * What the checker takes of a recorded Condition or AllergyIntolerance: one input per code (each tried against the
     * rules), or the name alone; a resolved one (clinicalStatus inactive, resolved, remission) marked so; none for an
     * entered-in-error or refuted one.
     */
    public static List<ConditionInput> of(RecordedConditions.Recorded recorded) {
        if (recorded.state() == RecordedConditions.State.ENTERED_IN_ERROR || recorded.state() == RecordedConditions.State.REFUTED) {
            return List.of();
        }
        boolean resolved = recorded.state() == RecordedConditions.State.INACTIVE;
        List<ConditionInput> inputs = new ArrayList<>();
        for (RecordedConditions.Code code : recorded.codes()) {
            inputs.add(new ConditionInput(recorded.ref(), code.system(), code.code(), recorded.name(), recorded.allergy(), resolved));
        }
        if (inputs.isEmpty()) {
            inputs.add(new ConditionInput(recorded.ref(), null, null, recorded.name(), recorded.allergy(), resolved));
        }
        return inputs;
    }

    /** A condition or allergy that holds now. */
    public ConditionInput(String ref, String system, String code, String name, boolean allergy) {
        this(ref, system, code, name, allergy, false);
    }
}
