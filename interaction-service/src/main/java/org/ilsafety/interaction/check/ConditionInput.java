package org.ilsafety.interaction.check;

/**
 * A patient's condition or allergy as given (a Condition or AllergyIntolerance): a code with its system
 * (ICD-10-CM, SNOMED CT, RxNorm for an allergy to a medicine) and/or a name. {@code allergy} tells which.
 */
public record ConditionInput(String ref, String system, String code, String name, boolean allergy) {
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
}
