package org.ilsafety.interaction.knowledge;

import java.util.List;

import org.ilsafety.interaction.check.Category;
import org.ilsafety.interaction.check.Severity;

/** {@code interactions/rules.yaml}: what each therapy meets, how severe, why and what to do. */
public record RulesDocument(String knowledgeVersion, int liveVaccineLeadDays, String liveVaccineLeadSource,
        boolean liveVaccineLeadVerified, List<OverrideReason> overrideReasons, List<Rule> rules) {

    public record OverrideReason(String code, String display) {
    }

    public record Rule(String id, List<String> therapies, Category category, Severity severity, Match match, String mechanism,
            String management, boolean removeDraftOrder, String source, boolean verified) {
    }

    /** What a rule matches: agent ids, agent classes, live vaccines, or a second product of the therapy's molecule. */
    public record Match(List<String> agents, List<String> classes, Boolean liveVaccine, Boolean sameMoleculeOtherProduct) {

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
