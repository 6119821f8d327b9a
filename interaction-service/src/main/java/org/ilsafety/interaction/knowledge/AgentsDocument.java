package org.ilsafety.interaction.knowledge;

import java.util.List;

/** {@code interactions/agents.yaml}: the medicines the check recognises and the classes rules refer to. */
public record AgentsDocument(String knowledgeVersion, List<String> nonSystemicForms, List<CatalogMolecule> catalogMolecules,
        List<Agent> agents) {

    /** Classes for a molecule whose names and codes live in products.yaml. */
    public record CatalogMolecule(String id, List<String> classes) {
    }

    /**
     * One ingredient (or an ATC class standing for its members). {@code atcPrefixes} match any ATC code
     * starting with them; {@code systemicOnly} agents give no finding in a non-systemic form.
     */
    public record Agent(String id, List<String> classes, List<Code> rxnorm, List<String> atc, List<String> atcPrefixes,
            List<String> names, Boolean systemicOnly, String source, boolean verified) {

        public List<String> atcPrefixesOrEmpty() {
            return atcPrefixes == null ? List.of() : atcPrefixes;
        }

        public boolean isSystemicOnly() {
            return Boolean.TRUE.equals(systemicOnly);
        }
    }

    public record Code(String code, boolean verified) {
    }
}
