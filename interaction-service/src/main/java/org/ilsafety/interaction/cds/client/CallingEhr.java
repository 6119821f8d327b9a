package org.ilsafety.interaction.cds.client;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/** The EHR that made the current CDS Hooks request, as {@code CdsClientFilter} verified it. */
@RequestScoped
public class CallingEhr {
    private CdsClient client;

    public void set(CdsClient client) {
        this.client = client;
    }

    public Optional<CdsClient> get() {
        return Optional.ofNullable(client);
    }
}
