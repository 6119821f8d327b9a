package org.ilsafety.interaction.cds.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * This service's CDS Hooks URLs as the EHRs call them ({@code suite.cds-hooks.base-url}): what a token's
 * {@code aud} may name for each endpoint.
 */
@ApplicationScoped
public class ServiceUrls {
    private final String baseUrl;

    public ServiceUrls(CdsHooksSettings settings) {
        this.baseUrl = settings.baseUrl().replaceFirst("/+$", "");
    }

    /** Discovery: the base URL. */
    public List<String> discovery() {
        return List.of(baseUrl);
    }

    /** A service call: base URL + {@code /} + the service id (decoded, as the URL names it). */
    public List<String> service(String serviceId) {
        return List.of(baseUrl + "/" + serviceId);
    }

    /** Feedback: the service's URL, or the feedback endpoint's own. */
    public List<String> feedback(String serviceId) {
        return List.of(baseUrl + "/" + serviceId, baseUrl + "/" + serviceId + "/feedback");
    }
}
