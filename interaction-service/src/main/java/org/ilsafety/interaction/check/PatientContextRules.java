package org.ilsafety.interaction.check;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ilsafety.common.knowledge.ConditionSet;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.interaction.knowledge.RulesDocument;
import org.ilsafety.interaction.knowledge.RulesDocument.Rule;
import org.ilsafety.interaction.matching.AgentDirectory;

/**
 * The rules about the patient's own conditions and allergies (hypersensitivity, the label's warnings, a history that
 * raises a combination's severity), for {@link InteractionChecker}. Pure and thread-safe.
 */
final class PatientContextRules {
    private final Map<String, ConditionSet> conditionSets;
    private final AgentDirectory agents;

    PatientContextRules(Map<String, ConditionSet> conditionSets, AgentDirectory agents) {
        this.conditionSets = Map.copyOf(conditionSets);
        this.agents = agents;
    }

    /**
     * The patient's conditions and allergies against the rules about them (hypersensitivity, the label's
     * warnings): one finding per rule, from the first condition that meets it. A condition no rule is about is
     * not an unrecognized input: most of a patient's conditions are not about the therapy.
     */
    void check(List<ConditionInput> conditions, List<Rule> rules, String molecule, String version, List<Finding> findings) {
        Set<String> fired = new HashSet<>();
        for (ConditionInput condition : conditions) {
            if (condition.allergy() && condition.resolved()) {
                continue; // a resolved allergy is no contraindication
            }
            for (Rule rule : rules) {
                RulesDocument.Match m = rule.match();
                if (!m.isPatientContext() || fired.contains(rule.id())) {
                    continue;
                }
                Optional<String> set = condition.allergy()
                        ? m.allergySetsOrEmpty().stream().filter(id -> conditionSets.get(id).contains(condition.system(), condition.code(), condition.name())).findFirst()
                                .or(() -> m.isAllergyToTherapy() && allergicTo(condition, molecule) ? Optional.of(molecule) : Optional.empty())
                        : m.conditionSetsOrEmpty().stream().filter(id -> inSet(id, condition)).findFirst();
                if (set.isPresent()) {
                    fired.add(rule.id());
                    Finding finding = InteractionChecker.finding(rule, new Finding.Matched(condition.ref(), condition.name(), null, null, null, null),
                            new Finding.ResolvedTo(condition.allergy() ? "ALLERGY" : "CONDITION", set.get(), condition.name(), null, null, null,
                                    null, condition.code() != null ? "code" : "name"),
                            condition.ref(), set.get(), version, null);
                    findings.add(condition.resolved() ? asHistory(finding, conditionSets.get(set.get())) : finding);
                }
            }
        }
    }

    /** A finding from a resolved condition of a set that counts resolved ones: says so, with the set's reason. */
    private static Finding asHistory(Finding finding, ConditionSet set) {
        return new Finding(finding.key(), finding.category(), finding.severity(), finding.matched(), finding.resolvedTo(),
                finding.mechanism() + " The condition is resolved; its history still counts.", finding.management(),
                withSource(finding.provenance(), "; resolved counts: " + set.countsWhenResolvedSource()), finding.verified(),
                finding.validUntil(), finding.removeDraftOrder());
    }

    /** A condition that holds now, or a resolved one where the set counts resolved ones (a history). */
    private boolean inSet(String setId, ConditionInput condition) {
        return conditionSets.get(setId).contains(condition.system(), condition.code(), condition.name(), condition.resolved());
    }

    private boolean allergicTo(ConditionInput allergy, String molecule) {
        String rxnorm = ConditionInput.RXNORM.equals(allergy.system()) ? allergy.code() : null;
        if (allergy.name() == null && rxnorm == null) {
            return false;
        }
        return agents.resolve(allergy.name(), rxnorm, null).stream().anyMatch(m -> molecule.equals(m.moleculeId()));
    }

    /** A rule whose severity rises with a condition of the patient (NSAIDs and steroids with a GI perforation history). */
    Finding raisedByHistory(Finding finding, Rule rule, List<ConditionInput> conditions) {
        if (rule.severityWith() == null) {
            return finding;
        }
        ConditionSet set = conditionSets.get(rule.severityWith().conditionSet());
        Optional<ConditionInput> history = conditions.stream().filter(c -> !c.allergy() && inSet(set.id(), c)).findFirst();
        if (history.isEmpty()) {
            return finding;
        }
        String label = history.get().name() != null ? history.get().name() : history.get().code();
        return new Finding(finding.key(), finding.category(), rule.severityWith().severity(), finding.matched(), finding.resolvedTo(),
                finding.mechanism() + " The patient has a history that raises the risk (" + label + ").", finding.management(),
                withSource(finding.provenance(), "; raised with " + set.id() + ": " + set.source()), finding.verified() && set.verified(),
                finding.validUntil(), finding.removeDraftOrder());
    }

    /** The same rule and knowledge version, its source extended by what else the finding rests on. */
    private static Provenance withSource(Provenance provenance, String more) {
        return new Provenance(provenance.ruleId(), provenance.source() + more, provenance.knowledgeVersion());
    }
}
