package org.ilsafety.dosing.knowledge;

import java.util.List;

import org.ilsafety.common.knowledge.ConditionSet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What dosing-service reads of {@code interactions/rules.yaml}: the HYPERSENSITIVITY rules (which molecule, an allergy
 * to the molecule itself, which allergen sets) and the condition sets they name. The allergens are listed once, there,
 * for both the interaction finding and the plan block; everything else in the file belongs to interaction-service.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HypersensitivityRules(String knowledgeVersion, List<ConditionSet> conditionSets, List<Rule> rules) {
    public static final String CATEGORY = "HYPERSENSITIVITY";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rule(String id, List<String> therapies, String category, Match match, String source, boolean verified) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Match(Boolean allergyToTherapy, List<String> allergySets) {
        public boolean toTherapy() {
            return Boolean.TRUE.equals(allergyToTherapy);
        }

        public List<String> setsOrEmpty() {
            return allergySets == null ? List.of() : allergySets;
        }
    }

    /** The hypersensitivity rules of a molecule. */
    public List<Rule> forMolecule(String molecule) {
        return rules.stream().filter(r -> CATEGORY.equals(r.category()) && r.match() != null && r.therapies() != null
                && r.therapies().contains(molecule)).toList();
    }

    public ConditionSet set(String id) {
        return conditionSets.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("interactions/rules.yaml names unknown condition set " + id));
    }
}
