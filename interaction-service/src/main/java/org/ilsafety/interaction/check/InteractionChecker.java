package org.ilsafety.interaction.check;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ilsafety.common.knowledge.ConditionSet;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.interaction.knowledge.InteractionKnowledge;
import org.ilsafety.interaction.knowledge.RulesDocument;
import org.ilsafety.interaction.knowledge.RulesDocument.Rule;
import org.ilsafety.interaction.knowledge.VaccinesDocument.Vaccine;
import org.ilsafety.interaction.matching.AgentDirectory;
import org.ilsafety.interaction.matching.AgentMatch;
import org.ilsafety.interaction.matching.VaccineDirectory;

/**
 * The one checking engine behind the three front doors (the stateless API, the patient re-check on
 * events, CDS Hooks): medicines and vaccines against an interleukin-blocking therapy. Pure and
 * thread-safe; the caller validates the request (the drug must be a molecule of products.yaml).
 */
@ApplicationScoped
public class InteractionChecker {
    private final InteractionKnowledge knowledge;
    private final AgentDirectory agents;
    private final VaccineDirectory vaccines;
    private final Map<String, List<Rule>> rulesByDrug = new HashMap<>();
    private final PatientContextRules patientContext;

    @Inject
    public InteractionChecker(InteractionKnowledge knowledge) {
        this.knowledge = knowledge;
        this.agents = new AgentDirectory(knowledge);
        this.vaccines = new VaccineDirectory(knowledge);
        for (Rule rule : knowledge.rules().rules()) {
            rule.therapies().forEach(drug -> rulesByDrug.computeIfAbsent(drug, d -> new ArrayList<>()).add(rule));
        }
        Map<String, ConditionSet> conditionSets = new HashMap<>();
        knowledge.rules().conditionSetsOrEmpty().forEach(set -> conditionSets.put(set.id(), set));
        this.patientContext = new PatientContextRules(conditionSets, agents);
    }

    public InteractionKnowledge knowledge() {
        return knowledge;
    }

    public AgentDirectory agents() {
        return agents;
    }

    public VaccineDirectory vaccines() {
        return vaccines;
    }

    /** True when {@code drug} is a molecule the rules know. */
    public boolean knowsDrug(String drug) {
        return drug != null && knowledge.products().molecule(drug).isPresent();
    }

    public CheckResult check(CheckRequest request) {
        Therapy therapy = request.therapy();
        ProductCatalog.Molecule molecule = knowledge.products().molecule(therapy.drug())
                .orElseThrow(() -> new IllegalArgumentException("unknown therapy drug"));
        LocalDate asOf = request.asOf();
        int lead = knowledge.rules().liveVaccineLeadDays();
        ExposureWindow window = ExposureWindow.of(therapy, molecule.exposureWindowDays(), lead, asOf);
        List<Rule> rules = rulesByDrug.getOrDefault(molecule.id(), List.of());
        String version = knowledge.version();
        List<Finding> findings = new ArrayList<>();
        List<Unrecognized> unrecognized = new ArrayList<>();
        String therapyProduct = therapy.product();

        for (MedicationInput medication : request.medications()) {
            List<AgentMatch> matches = agents.resolve(medication.name(), medication.rxnorm(), medication.atc());
            if (matches.isEmpty()) {
                unrecognized.add(new Unrecognized(medication.ref(), "MEDICATION", medication.name(), medication.rxnorm(), medication.atc(), null));
                continue;
            }
            Set<Category> seen = EnumSet.noneOf(Category.class);
            for (AgentMatch match : matches) {
                boolean sameMolecule = molecule.id().equals(match.moleculeId());
                if (sameMolecule) {
                    // The therapy itself (molecule name or code, or its own product) is not an interaction.
                    if (match.productId() == null || match.productId().equals(therapyProduct)) {
                        continue;
                    }
                    if (therapyProduct == null) {
                        therapyProduct = match.productId();
                        continue;
                    }
                }
                if (!window.coversMedicationOn(asOf) || match.systemicOnly() && agents.nonSystemicForm(medication.name())) {
                    continue;
                }
                for (Rule rule : rules) {
                    if (!seen.contains(rule.category()) && matches(rule, match, sameMolecule)) {
                        seen.add(rule.category());
                        Finding finding = patientContext.raisedByHistory(finding(rule, medicationMatched(medication), resolved(match), medication.ref(),
                                match.agentId() + (match.productId() == null ? "" : "/" + match.productId()), version, window.until()), rule,
                                request.conditions());
                        findings.add(therapy.status() == TherapyStatus.STOPPED ? afterLastDose(finding, rule, molecule.id(), therapy, window)
                                : finding);
                    }
                }
            }
        }

        for (ImmunizationInput immunization : request.immunizations()) {
            Vaccine vaccine = vaccines.resolve(immunization.cvx(), immunization.name()).orElse(null);
            if (vaccine == null) {
                unrecognized.add(new Unrecognized(immunization.ref(), "IMMUNIZATION", immunization.name(), null, null, immunization.cvx()));
                continue;
            }
            if (!vaccine.live() || !window.coversVaccination(immunization.date())) {
                continue;
            }
            for (Rule rule : rules) {
                if (rule.match().isLiveVaccine()) {
                    findings.add(finding(rule, new Finding.Matched(immunization.ref(), immunization.name(), null, null, immunization.cvx(),
                            immunization.date()), new Finding.ResolvedTo("VACCINE", "cvx:" + vaccine.cvx(), vaccine.display(), null, null,
                                    vaccine.cvx(), vaccine.live(), immunization.cvx() != null && vaccines.byCvx(immunization.cvx()).isPresent() ? "cvx" : "name"),
                            immunization.ref(), "cvx:" + vaccine.cvx(), version, window.vaccinationFindingValidUntil(immunization.date(), lead)));
                    break;
                }
            }
        }
        if (therapy.status() != TherapyStatus.STOPPED) {
            patientContext.check(request.conditions(), rules, molecule.id(), version, findings);
        }
        findings.sort((a, b) -> a.severity().compareTo(b.severity()));
        return new CheckResult(asOf, molecule.id(), version, new CheckResult.ExposurePeriod(window.liveVaccinesFrom(), window.until(),
                molecule.exposureWindowDays(), molecule.exposureWindowVerified(), molecule.exposureWindowSource()), findings, unrecognized);
    }

    /**
     * After the last dose a medicine is not a current combination: a "recent" finding at the lower severity of
     * rules.yaml afterLastDose (or the rule's own afterLastDoseSeverity), which never deletes the order.
     */
    private Finding afterLastDose(Finding finding, Rule rule, String molecule, Therapy therapy, ExposureWindow window) {
        RulesDocument.AfterLastDose after = knowledge.rules().afterLastDose();
        Severity severity = rule.afterLastDoseSeverity() != null ? rule.afterLastDoseSeverity() : after.severity();
        String prefix = after.message().replace("{molecule}", molecule).replace("{lastDose}", String.valueOf(therapy.lastDoseDate()))
                .replace("{until}", String.valueOf(window.until()));
        return new Finding(finding.key() + "|after-last-dose", finding.category(), severity, finding.matched(), finding.resolvedTo(),
                prefix + finding.mechanism(), finding.management(),
                new Provenance(rule.id() + ".after-last-dose", rule.source() + "; after the last dose: " + after.source(),
                        finding.provenance().knowledgeVersion()),
                rule.verified() && (rule.afterLastDoseSeverity() != null || after.verified()), finding.validUntil(), false);
    }

    private static boolean matches(Rule rule, AgentMatch match, boolean sameMolecule) {
        if (rule.match().isSameMoleculeOtherProduct()) {
            return sameMolecule;
        }
        if (rule.match().isPatientContext()) {
            return false;
        }
        if (sameMolecule) {
            return false;
        }
        if (rule.match().agentsOrEmpty().contains(match.agentId())) {
            return true;
        }
        for (String agentClass : rule.match().classesOrEmpty()) {
            if (match.classes().contains(agentClass)) {
                return true;
            }
        }
        return false;
    }

    static Finding finding(Rule rule, Finding.Matched matched, Finding.ResolvedTo resolved, String ref, String resolvedKey,
            String version, LocalDate validUntil) {
        return new Finding(rule.id() + "|" + ref + "|" + resolvedKey, rule.category(), rule.severity(), matched, resolved,
                rule.mechanism(), rule.management(), new Provenance(rule.id(), rule.source(), version), rule.verified(), validUntil,
                rule.removeDraftOrder());
    }

    private static Finding.Matched medicationMatched(MedicationInput medication) {
        return new Finding.Matched(medication.ref(), medication.name(), medication.rxnorm(), medication.atc(), null, null);
    }

    private static Finding.ResolvedTo resolved(AgentMatch match) {
        return new Finding.ResolvedTo(match.kind(), match.agentId(), match.display(), List.copyOf(new TreeSet<>(match.classes())),
                match.productId(), null, null, match.matchedBy());
    }
}
