package org.ilsafety.interaction.cds.client;

/** A CDS Hooks client token failed a check; the reason names the check, never the token or its claims. */
public class TokenRejected extends Exception {
    public TokenRejected(String reason) {
        super(reason, null, false, false);
    }
}
