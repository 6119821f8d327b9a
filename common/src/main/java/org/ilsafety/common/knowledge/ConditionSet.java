package org.ilsafety.common.knowledge;

import java.util.List;
import java.util.Locale;

/**
 * A set of conditions or allergens by ICD-10-CM prefix, SNOMED CT code or name (whole words, case-insensitive), as
 * {@code interactions/rules.yaml} {@code conditionSets} lists them. One matcher for every service that reads those sets
 * (interaction-service's checks, dosing-service's allergy block).
 * <p>
 * {@code countsWhenResolved}: a Condition of the set whose clinicalStatus is resolved, inactive or in remission still
 * counts (the label's risk is the history, e.g. a healed diverticulitis for GI perforation), with
 * {@code countsWhenResolvedSource} saying why; absent or false: only a Condition that holds now counts.
 */
public record ConditionSet(String id, List<String> icd10, List<String> snomed, List<String> names, String source, boolean verified,
        Boolean countsWhenResolved, String countsWhenResolvedSource) {
    public static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String SNOMED = "http://snomed.info/sct";

    public boolean isCountedWhenResolved() {
        return Boolean.TRUE.equals(countsWhenResolved);
    }

    /** {@link #contains} for a condition that holds now, or one resolved when the set counts resolved ones. */
    public boolean contains(String system, String code, String name, boolean resolved) {
        return (!resolved || isCountedWhenResolved()) && contains(system, code, name);
    }

    /** True when the code (of its system) or the name belongs to the set; any argument may be null. */
    public boolean contains(String system, String code, String name) {
        String key = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (!key.isEmpty() && ICD10_CM.equals(system) && icd10 != null && icd10.stream().anyMatch(key::startsWith)) {
            return true;
        }
        if (!key.isEmpty() && SNOMED.equals(system) && snomed != null && snomed.contains(key)) {
            return true;
        }
        String words = name == null ? "" : " " + words(name) + " ";
        return names != null && names.stream().anyMatch(n -> words.contains(" " + words(n).trim() + " "));
    }

    private static String words(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ");
    }
}
