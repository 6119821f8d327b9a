package org.ilsafety.interaction.cds.client;

/** A verified CDS Hooks client: the EHR's issuer and the client id ({@code sub}) it called with. */
public record CdsClient(String issuer, String clientId) {
    /** The audit trail's subject: {@code <issuer>|<client id>}. */
    public String subject() {
        return issuer + "|" + clientId;
    }
}
