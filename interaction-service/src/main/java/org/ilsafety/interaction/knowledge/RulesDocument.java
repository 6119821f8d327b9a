package org.ilsafety.interaction.knowledge;

import java.util.List;

import org.ilsafety.common.knowledge.ConditionSet;

import org.ilsafety.interaction.check.Category;
import org.ilsafety.interaction.check.Severity;

/**
 * {@code interactions/rules.yaml}: what each therapy meets, how severe, why and what to do. Its condition sets (common's
 * {@link ConditionSet}) are also read by dosing-service's allergy block.
 */
public record RulesDocument(String knowledgeVersion, int liveVaccineLeadDays, String liveVaccineLeadSource,
        boolean liveVaccineLeadVerified, AfterLastDose afterLastDose, List<ConditionSet> conditionSets, List<ObservedStatus> observedStatuses,
        List<OverrideReason> overrideReasons, List<Rule> rules) {

    public List<ObservedStatus> observedStatusesOrEmpty() {
        return observedStatuses == null ? List.of() : observedStatuses;
    }

    /**
     * A status of the patient read from Observations (pregnancy, breastfeeding): the LOINC codes that report it, the
     * answers that say it holds or ends (codes of valueCodeableConcept or interpretation, exact; or words of the answer's
     * text), and the code it is recorded as, so the condition sets and rules about it apply unchanged.
     */
    public record ObservedStatus(String id, RecordsAs recordsAs, List<ObservationCode> observations, List<String> holds, List<String> ends,
            String source, boolean verified) {
    }

    /** The code (and display) a reading that holds is recorded as (SNOMED CT 77386006 pregnant). */
    public record RecordsAs(String system, String code, String display) {
    }

    public record ObservationCode(String loinc, String display, String source, boolean verified) {
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
