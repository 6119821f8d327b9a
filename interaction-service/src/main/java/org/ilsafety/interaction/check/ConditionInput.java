package org.ilsafety.interaction.check;

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

    /** A condition or allergy that holds now. */
    public ConditionInput(String ref, String system, String code, String name, boolean allergy) {
        this(ref, system, code, name, allergy, false);
    }
}
