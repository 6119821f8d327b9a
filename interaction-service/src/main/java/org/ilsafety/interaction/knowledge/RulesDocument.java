package org.ilsafety.interaction.knowledge;

import java.util.List;

import org.ilsafety.interaction.check.Category;
import org.ilsafety.interaction.check.Severity;

/** {@code interactions/rules.yaml}: what each therapy meets, how severe, why and what to do. */
public record RulesDocument(String knowledgeVersion, int liveVaccineLeadDays, String liveVaccineLeadSource,
        boolean liveVaccineLeadVerified, AfterLastDose afterLastDose, List<ConditionSet> conditionSets, List<OverrideReason> overrideReasons,
        List<Rule> rules) {

    /** A set of conditions (or allergens) by ICD-10-CM prefix, SNOMED CT code or name (case-insensitive words). */
    public record ConditionSet(String id, List<String> icd10, List<String> snomed, List<String> names, String source, boolean verified) {
        public boolean contains(org.ilsafety.interaction.check.ConditionInput input) {
            String code = input.code() == null ? "" : input.code().trim().toUpperCase(java.util.Locale.ROOT);
            if (!code.isEmpty() && org.ilsafety.interaction.check.ConditionInput.ICD10.equals(input.system())
                    && icd10 != null && icd10.stream().anyMatch(code::startsWith)) {
                return true;
            }
            if (!code.isEmpty() && org.ilsafety.interaction.check.ConditionInput.SNOMED.equals(input.system())
                    && snomed != null && snomed.contains(code)) {
                return true;
            }
            String name = input.name() == null ? "" : " " + input.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
            return names != null && names.stream().anyMatch(n -> name.contains(" " + n.toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", " ").trim() + " "));
        }
    }

    /** The severity a rule takes when the patient has a condition of the set (a GI perforation risk with diverticulitis). */
    public record SeverityWith(String conditionSet, Severity severity) {
    }

    public List<ConditionSet> conditionSetsOrEmpty() {
        return conditionSets == null ? List.of() : conditionSets;
    }

    /** What a medicine rule gives after the last dose, inside the exposure window: a lower-severity "recent" finding. */
    public record AfterLastDose(Severity severity, String message, String source, boolean verified) {
    }

    public record OverrideReason(String code, String display) {
    }

    public record Rule(String id, List<String> therapies, Category category, Severity severity, Match match, String mechanism,
            String management, boolean removeDraftOrder, String source, boolean verified, Severity afterLastDoseSeverity,
            SeverityWith severityWith) {
    }

    /** What a rule matches: agent ids, agent classes, live vaccines, or a second product of the therapy's molecule. */
    /**
     * conditionSets: a patient condition of these sets; allergySets: an allergy of these sets; allergyToTherapy:
     * an allergy to the therapy's own molecule (by name, brand or code).
     */
    public record Match(List<String> agents, List<String> classes, Boolean liveVaccine, Boolean sameMoleculeOtherProduct,
            List<String> conditionSets, List<String> allergySets, Boolean allergyToTherapy) {

        public List<String> conditionSetsOrEmpty() {
            return conditionSets == null ? List.of() : conditionSets;
        }

        public List<String> allergySetsOrEmpty() {
            return allergySets == null ? List.of() : allergySets;
        }

        public boolean isAllergyToTherapy() {
            return Boolean.TRUE.equals(allergyToTherapy);
        }

        /** A rule about the patient's conditions or allergies, not about a medicine or vaccine. */
        public boolean isPatientContext() {
            return !conditionSetsOrEmpty().isEmpty() || !allergySetsOrEmpty().isEmpty() || isAllergyToTherapy();
        }


        public List<String> agentsOrEmpty() {
            return agents == null ? List.of() : agents;
        }

        public List<String> classesOrEmpty() {
            return classes == null ? List.of() : classes;
        }

        public boolean isLiveVaccine() {
            return Boolean.TRUE.equals(liveVaccine);
        }

        public boolean isSameMoleculeOtherProduct() {
            return Boolean.TRUE.equals(sameMoleculeOtherProduct);
        }
    }
}
