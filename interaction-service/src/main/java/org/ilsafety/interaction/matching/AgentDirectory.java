package org.ilsafety.interaction.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.interaction.knowledge.AgentsDocument;
import org.ilsafety.interaction.knowledge.CodeFormats;
import org.ilsafety.interaction.knowledge.InteractionKnowledge;

/**
 * Recognises a medicine by RxNorm ingredient code, ATC code (exact, then the longest listed prefix) and
 * name, brand or synonym. Every field given is tried and every distinct agent found is returned, so a
 * conflicting code and name both get checked rather than one hiding the other.
 */
public final class AgentDirectory {
    private final Map<String, AgentMatch> byRxnorm = new HashMap<>();
    private final Map<String, AgentMatch> byAtc = new HashMap<>();
    private final List<Map.Entry<String, AgentMatch>> byAtcPrefix = new ArrayList<>();
    private final NameIndex<AgentMatch> byName = new NameIndex<>();
    private final Set<String> nonSystemicForms = new LinkedHashSet<>();

    public AgentDirectory(InteractionKnowledge knowledge) {
        AgentsDocument document = knowledge.agents();
        ProductCatalog products = knowledge.products();
        for (AgentsDocument.CatalogMolecule entry : document.catalogMolecules()) {
            ProductCatalog.Molecule molecule = products.molecule(entry.id()).orElseThrow();
            AgentMatch match = new AgentMatch(molecule.id(), AgentMatch.INGREDIENT, molecule.displayName(), Set.copyOf(entry.classes()), molecule.id(), null, false, null);
            byRxnorm.put(molecule.rxnorm().code(), match);
            byAtc.put(CodeFormats.atcKey(molecule.atc()), match);
            byName.add(molecule.id(), match);
            byName.add(molecule.displayName(), match);
            for (ProductCatalog.Product product : products.knowledge().content().products()) {
                if (!product.molecule().equals(molecule.id())) {
                    continue;
                }
                AgentMatch productMatch = new AgentMatch(molecule.id(), AgentMatch.PRODUCT, product.names().get(0), match.classes(), molecule.id(), product.id(), false, null);
                for (String name : product.names()) {
                    boolean moleculeName = NameIndex.key(name).equals(NameIndex.key(molecule.id()));
                    byName.add(name, moleculeName ? match : productMatch);
                }
            }
        }
        for (AgentsDocument.Agent agent : document.agents()) {
            AgentMatch match = new AgentMatch(agent.id(), agent.atcPrefixesOrEmpty().isEmpty() ? AgentMatch.INGREDIENT : AgentMatch.CLASS, agent.names().isEmpty() ? agent.id() : agent.names().get(0),
                    Set.copyOf(agent.classes()), null, null, agent.isSystemicOnly(), null);
            agent.rxnorm().forEach(code -> byRxnorm.putIfAbsent(code.code(), match));
            agent.atc().forEach(code -> byAtc.putIfAbsent(CodeFormats.atcKey(code), match));
            agent.atcPrefixesOrEmpty().forEach(prefix -> byAtcPrefix.add(Map.entry(CodeFormats.atcKey(prefix), match)));
            agent.names().forEach(name -> byName.add(name, match));
        }
        byAtcPrefix.sort(Comparator.comparingInt((Map.Entry<String, AgentMatch> e) -> e.getKey().length()).reversed());
        document.nonSystemicForms().forEach(form -> nonSystemicForms.add(NameIndex.key(form)));
    }

    /** Every distinct agent the name, RxNorm code or ATC code names; empty when none does. */
    public List<AgentMatch> resolve(String name, String rxnorm, String atc) {
        List<AgentMatch> found = new ArrayList<>(2);
        if (rxnorm != null) {
            AgentMatch match = byRxnorm.get(rxnorm.trim());
            if (match != null) {
                found.add(match.by("rxnorm"));
            }
        }
        if (atc != null) {
            atcMatch(CodeFormats.atcKey(atc)).ifPresent(match -> addDistinct(found, match.by("atc")));
        }
        for (AgentMatch match : byName.find(name)) {
            addDistinct(found, match.by("name"));
        }
        return found;
    }

    /** True when the text names a non-systemic form (cream, gel, eye drops...). */
    public boolean nonSystemicForm(String name) {
        if (name == null) {
            return false;
        }
        for (String word : NameIndex.words(name)) {
            if (nonSystemicForms.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private Optional<AgentMatch> atcMatch(String atc) {
        AgentMatch exact = byAtc.get(atc);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Map.Entry<String, AgentMatch> prefix : byAtcPrefix) {
            if (atc.startsWith(prefix.getKey())) {
                return Optional.of(prefix.getValue());
            }
        }
        return Optional.empty();
    }

    private static void addDistinct(List<AgentMatch> found, AgentMatch match) {
        for (AgentMatch existing : found) {
            if (existing.agentId().equals(match.agentId()) && Objects.equals(existing.productId(), match.productId())) {
                return;
            }
        }
        found.add(match);
    }
}
