package org.ilsafety.interaction.cds;

import java.util.List;

/**
 * The hook call lacks prefetch data the check needs and it cannot be fetched from the EHR's FHIR server (none named,
 * no access token, or a server the token may not be sent to): answered 412 with a FHIR OperationOutcome.
 */
public class PrefetchMissing extends RuntimeException {
    private final List<String> keys;
    private final String reason;

    public PrefetchMissing(List<String> keys, String reason) {
        super("Missing prefetch: " + String.join(", ", keys) + " (" + reason + ")", null, false, false);
        this.keys = List.copyOf(keys);
        this.reason = reason;
    }

    public List<String> keys() {
        return keys;
    }

    /** Why it cannot be fetched; names no patient and quotes no token. */
    public String reason() {
        return reason;
    }
}
