package org.ilsafety.common.security;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request: the one a request filter established (CDS Hooks callers, verified
 * by their EHR's token), else the verified bearer token's identity, else {@link Caller#ANONYMOUS}.
 */
@RequestScoped
public class CurrentCaller {
    private final CurrentIdentityAssociation identities;
    private Caller established;

    public CurrentCaller(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** For filters that authenticate a request themselves. */
    public void establish(Caller caller) {
        this.established = caller;
    }

    public Caller get() {
        if (established != null) {
            return established;
        }
        SecurityIdentity identity;
        try {
            identity = identities.getIdentity();
        } catch (RuntimeException failedAuthentication) {
            return Caller.ANONYMOUS;
        }
        if (identity == null || identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        return new Caller(identity.getPrincipal().getName(), identity.getRoles());
    }
}
