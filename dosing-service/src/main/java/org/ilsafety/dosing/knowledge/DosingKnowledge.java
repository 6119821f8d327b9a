package org.ilsafety.dosing.knowledge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ilsafety.common.config.SuiteConfig;
import org.ilsafety.common.knowledge.Knowledge;
import org.ilsafety.common.knowledge.KnowledgeLoader;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.util.Digests;

/**
 * The dosing knowledge base ({@code seeds/knowledge/dosing/}), loaded once at start, with the allergens the plan's
 * allergy block reads from {@code interactions/rules.yaml} (one list for both services). Its version names the
 * files: the declared version plus a hash over the exact bytes of each.
 */
@ApplicationScoped
public class DosingKnowledge {
    private final Knowledge<Regimens> regimens;
    private final Knowledge<PlanRules> planRules;
    private final Knowledge<HypersensitivityRules> hypersensitivity;
    private final String version;

    @Inject
    public DosingKnowledge(SuiteConfig config) {
        this(config.knowledge().dir());
    }

    /** The knowledge files of a folder, or the packaged copy when empty (unit tests build it so). */
    public DosingKnowledge(Optional<String> directory) {
        this(KnowledgeLoader.load(directory, "dosing/regimens.yaml", Regimens.class),
                KnowledgeLoader.load(directory, "dosing/plan-rules.yaml", PlanRules.class),
                KnowledgeLoader.load(directory, "interactions/rules.yaml", HypersensitivityRules.class));
    }

    DosingKnowledge(Knowledge<Regimens> regimens, Knowledge<PlanRules> planRules, Knowledge<HypersensitivityRules> hypersensitivity) {
        List<String> problems = RegimenValidation.problems(regimens.content());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Dosing knowledge " + regimens.location() + " is inconsistent: " + String.join("; ", problems));
        }
        this.regimens = regimens;
        this.planRules = planRules;
        this.hypersensitivity = hypersensitivity;
        hypersensitivity.content().rules().stream().filter(r -> HypersensitivityRules.CATEGORY.equals(r.category()) && r.match() != null)
                .flatMap(r -> r.match().setsOrEmpty().stream()).forEach(id -> hypersensitivity.content().set(id));
        String declared = regimens.declaredVersion().equals(planRules.declaredVersion()) ? regimens.declaredVersion()
                : regimens.declaredVersion() + "/" + planRules.declaredVersion();
        String hash = Digests.sha256Hex((regimens.sha256() + planRules.sha256() + hypersensitivity.sha256()).getBytes(StandardCharsets.UTF_8));
        this.version = declared + "+" + hash.substring(0, 8);
    }

    public Regimens regimens() {
        return regimens.content();
    }

    public PlanRules planRules() {
        return planRules.content();
    }

    /** The allergens that contraindicate each molecule (interactions/rules.yaml, category HYPERSENSITIVITY). */
    public HypersensitivityRules hypersensitivity() {
        return hypersensitivity.content();
    }

    public List<Knowledge<?>> files() {
        return List.of(regimens, planRules, hypersensitivity);
    }

    /** A rule of this knowledge base, with its source, under the current knowledge version. */
    public Provenance provenance(String ruleId, String source) {
        return new Provenance(ruleId, source, version);
    }

    /** A rule note of plan-rules.yaml (a procedure, a hold), with its source, under the current knowledge version. */
    public Provenance provenance(PlanRules.RuleNote rule) {
        return provenance(rule.ruleId(), rule.source());
    }

    /** The version every dose and plan decision records. */
    public String version() {
        return version;
    }
}
