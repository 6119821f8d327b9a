package org.ilsafety.interaction.knowledge;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ilsafety.common.config.SuiteConfig;
import org.ilsafety.common.knowledge.Knowledge;
import org.ilsafety.common.knowledge.KnowledgeLoader;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.util.Digests;

/**
 * The interaction knowledge base: {@code interactions/agents.yaml}, {@code vaccines.yaml},
 * {@code rules.yaml}, plus the products and exposure windows of {@code products.yaml}. Cross-references
 * are checked at start, so a typo in the data stops the service instead of silently matching nothing.
 * {@link #version()} is the rules' declared version plus a hash over all four files.
 */
@ApplicationScoped
public class InteractionKnowledge {
    private final ProductCatalog products;
    private final Knowledge<AgentsDocument> agents;
    private final Knowledge<VaccinesDocument> vaccines;
    private final Knowledge<RulesDocument> rules;
    private final String version;

    @Inject
    public InteractionKnowledge(ProductCatalog products, SuiteConfig config) {
        this(products, config.knowledge().dir());
    }

    private InteractionKnowledge(ProductCatalog products, Optional<String> directory) {
        this(products,
                KnowledgeLoader.load(directory, "interactions/agents.yaml", AgentsDocument.class),
                KnowledgeLoader.load(directory, "interactions/vaccines.yaml", VaccinesDocument.class),
                KnowledgeLoader.load(directory, "interactions/rules.yaml", RulesDocument.class));
    }

    public InteractionKnowledge(ProductCatalog products, Knowledge<AgentsDocument> agents, Knowledge<VaccinesDocument> vaccines,
            Knowledge<RulesDocument> rules) {
        this.products = products;
        this.agents = agents;
        this.vaccines = vaccines;
        this.rules = rules;
        String combined = Digests.sha256Hex(products.knowledge().sha256(), agents.sha256(), vaccines.sha256(), rules.sha256());
        this.version = rules.declaredVersion() + "+" + combined.substring(0, 8);
        validate();
    }

    /** A plain instance from the packaged copy (or a folder), for tests and benchmarks without CDI. */
    public static InteractionKnowledge load(Optional<String> directory) {
        return new InteractionKnowledge(new ProductCatalog(directory), directory);
    }

    public String version() {
        return version;
    }

    public ProductCatalog products() {
        return products;
    }

    public AgentsDocument agents() {
        return agents.content();
    }

    public VaccinesDocument vaccines() {
        return vaccines.content();
    }

    public RulesDocument rules() {
        return rules.content();
    }

    /** Each file with its own version, for the knowledge endpoint. */
    public List<Knowledge<?>> files() {
        return List.of(products.knowledge(), agents, vaccines, rules);
    }

    private void validate() {
        Set<String> classes = new HashSet<>();
        Set<String> agentIds = new HashSet<>();
        for (AgentsDocument.Agent agent : agents.content().agents()) {
            require(agentIds.add(agent.id()), "agents.yaml: duplicate agent id " + agent.id());
            require(agent.names() != null && agent.classes() != null && agent.rxnorm() != null && agent.atc() != null,
                    "agents.yaml: agent " + agent.id() + " needs classes, rxnorm, atc and names (empty lists allowed)");
            require(agent.source() != null, "agents.yaml: agent " + agent.id() + " has no source");
            classes.addAll(agent.classes());
        }
        for (AgentsDocument.CatalogMolecule molecule : agents.content().catalogMolecules()) {
            require(products.molecule(molecule.id()).isPresent(), "agents.yaml: catalog molecule " + molecule.id() + " is not in products.yaml");
            classes.addAll(molecule.classes());
        }
        Set<String> cvx = new HashSet<>();
        for (VaccinesDocument.Vaccine vaccine : vaccines.content().vaccines()) {
            require(vaccine.cvx() != null && vaccine.cvx().matches("\\d{1,3}"), "vaccines.yaml: invalid CVX code " + vaccine.cvx());
            require(cvx.add(CodeFormats.cvxKey(vaccine.cvx())), "vaccines.yaml: duplicate CVX code " + vaccine.cvx());
        }
        Set<String> sets = new HashSet<>();
        for (org.ilsafety.common.knowledge.ConditionSet set : rules.content().conditionSetsOrEmpty()) {
            require(sets.add(set.id()) && set.source() != null, "rules.yaml: condition set " + set.id() + " is duplicated or has no source");
        }
        Set<String> observed = new HashSet<>();
        for (RulesDocument.ObservedStatus status : rules.content().observedStatusesOrEmpty()) {
            require(status.recordsAs() != null && status.recordsAs().code() != null && status.observations() != null && status.holds() != null
                    && status.ends() != null && status.source() != null, "rules.yaml: observed status " + status.id()
                            + " needs recordsAs, observations, holds, ends and source");
            status.observations().forEach(o -> require(o.loinc() != null && observed.add(o.loinc()),
                    "rules.yaml: observed status " + status.id() + " has no or a duplicate LOINC code " + o.loinc()));
        }
        Set<String> ruleIds = new HashSet<>();
        for (RulesDocument.Rule rule : rules.content().rules()) {
            require(ruleIds.add(rule.id()), "rules.yaml: duplicate rule id " + rule.id());
            require(rule.category() != null && rule.severity() != null && rule.match() != null && rule.source() != null,
                    "rules.yaml: rule " + rule.id() + " needs category, severity, match and source");
            rule.therapies().forEach(t -> require(products.molecule(t).isPresent(), "rules.yaml: rule " + rule.id() + " names unknown therapy " + t));
            rule.match().classesOrEmpty().forEach(c -> require(classes.contains(c), "rules.yaml: rule " + rule.id() + " names unknown class " + c));
            rule.match().agentsOrEmpty().forEach(a -> require(agentIds.contains(a), "rules.yaml: rule " + rule.id() + " names unknown agent " + a));
            rule.match().conditionSetsOrEmpty().forEach(c -> require(sets.contains(c), "rules.yaml: rule " + rule.id() + " names unknown condition set " + c));
            rule.match().allergySetsOrEmpty().forEach(c -> require(sets.contains(c), "rules.yaml: rule " + rule.id() + " names unknown condition set " + c));
            require(rule.severityWith() == null || sets.contains(rule.severityWith().conditionSet()),
                    "rules.yaml: rule " + rule.id() + " raises its severity with an unknown condition set");
        }
        require(rules.content().liveVaccineLeadDays() >= 0, "rules.yaml: liveVaccineLeadDays must not be negative");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("Interaction knowledge is not valid: " + message);
        }
    }
}
