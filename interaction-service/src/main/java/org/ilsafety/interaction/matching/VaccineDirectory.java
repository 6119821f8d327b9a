package org.ilsafety.interaction.matching;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ilsafety.interaction.knowledge.CodeFormats;
import org.ilsafety.interaction.knowledge.InteractionKnowledge;
import org.ilsafety.interaction.knowledge.VaccinesDocument.Vaccine;

/** Recognises a vaccine by CVX code (leading zeros ignored) or by name. */
public final class VaccineDirectory {
    private final Map<String, Vaccine> byCvx = new HashMap<>();
    private final NameIndex<Vaccine> byName = new NameIndex<>();

    public VaccineDirectory(InteractionKnowledge knowledge) {
        for (Vaccine vaccine : knowledge.vaccines().vaccines()) {
            byCvx.put(CodeFormats.cvxKey(vaccine.cvx()), vaccine);
            vaccine.names().forEach(name -> byName.add(name, vaccine));
        }
    }

    /**
     * The vaccine the CVX code names, else the one the name names. A name that names a live and a non-live
     * vaccine at once resolves to the live one: the conservative reading.
     */
    public Optional<Vaccine> resolve(String cvx, String name) {
        if (cvx != null && CodeFormats.isCvx(cvx)) {
            Vaccine vaccine = byCvx.get(CodeFormats.cvxKey(cvx));
            if (vaccine != null) {
                return Optional.of(vaccine);
            }
        }
        List<Vaccine> named = byName.find(name);
        return named.stream().filter(Vaccine::live).findFirst().or(() -> named.stream().findFirst());
    }

    public Optional<Vaccine> byCvx(String cvx) {
        return cvx == null || !CodeFormats.isCvx(cvx) ? Optional.empty() : Optional.ofNullable(byCvx.get(CodeFormats.cvxKey(cvx)));
    }
}
