package org.ilsafety.interaction.cds;

import java.util.List;

/** The hook call lacks prefetch data the check needs: answered 412 with a FHIR OperationOutcome. */
public class PrefetchMissing extends RuntimeException {
    private final List<String> keys;

    public PrefetchMissing(List<String> keys) {
        super("Missing prefetch: " + String.join(", ", keys), null, false, false);
        this.keys = List.copyOf(keys);
    }

    public List<String> keys() {
        return keys;
    }
}
