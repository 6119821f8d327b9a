package org.ilsafety.dosing.allergy;

import java.util.List;
import java.util.Optional;

import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.knowledge.ConditionSet;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.dosing.knowledge.HypersensitivityRules;

/**
 * Which recorded allergy contraindicates a molecule, by the HYPERSENSITIVITY rules of interactions/rules.yaml: an
 * allergy to the molecule itself (any of its products, by RxNorm, NDC or ATC code or by name, as products.yaml
 * recognises a medicine), or to an allergen set the rule names (E. coli-derived proteins for anakinra). Pure.
 */
public final class AllergyContraindications {
    private final HypersensitivityRules rules;
    private final ProductCatalog products;

    public AllergyContraindications(HypersensitivityRules rules, ProductCatalog products) {
        this.rules = rules;
        this.products = products;
    }

    /** A contraindicating allergy: the allergy, what it is to (the molecule or the set id), and the interaction rule. */
    public record Contraindication(String allergyRef, String allergen, String interactionRuleId, String source, boolean verified) {
    }

    /** The first allergy (in the given order) that contraindicates {@code molecule}; empty when none does. */
    public Optional<Contraindication> find(String molecule, List<RecordedConditions.Recorded> allergies) {
        for (HypersensitivityRules.Rule rule : rules.forMolecule(molecule)) {
            for (RecordedConditions.Recorded allergy : allergies) {
                Optional<String> allergen = allergen(rule, molecule, allergy);
                if (allergen.isPresent()) {
                    return Optional.of(new Contraindication(allergy.ref(), allergen.get(), rule.id(), rule.source(), rule.verified()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> allergen(HypersensitivityRules.Rule rule, String molecule, RecordedConditions.Recorded allergy) {
        if (rule.match().toTherapy() && products.recognition(allergy.concept())
                .filter(r -> r.product().molecule().equalsIgnoreCase(molecule)).isPresent()) {
            return Optional.of(molecule);
        }
        for (String id : rule.match().setsOrEmpty()) {
            ConditionSet set = rules.set(id);
            boolean byName = set.contains(null, null, allergy.name());
            if (byName || allergy.codes().stream().anyMatch(c -> set.contains(c.system(), c.code(), null))) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
