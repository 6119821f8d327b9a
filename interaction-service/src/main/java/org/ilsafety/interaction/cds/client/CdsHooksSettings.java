package org.ilsafety.interaction.cds.client;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * CDS Hooks clients (EHRs) this service trusts, and what their tokens must say.
 * <ul>
 * <li>{@code suite.cds-hooks.base-url}: this service's CDS Hooks base URL as the EHR calls it; a token's
 * {@code aud} must be it (discovery) or it + {@code /} + the service id (service calls and feedback);</li>
 * <li>{@code suite.cds-hooks.clients.<name>.issuer}, {@code .public-key-location} (a PEM file, or a JWKS URL)
 * or {@code .jwks-url}: one allow-listed EHR;</li>
 * <li>{@code suite.cds-hooks.jwks-cache}: how long a JWKS is kept when its response sets no max-age (1 hour);
 * a token with an unknown key id fetches it again at once;</li>
 * <li>{@code suite.cds-hooks.max-token-lifetime} (5 minutes, as the specification recommends),
 * {@code clock-skew}, {@code replay-purge-every}.</li>
 * </ul>
 */
@ConfigMapping(prefix = "suite.cds-hooks")
public interface CdsHooksSettings {
    String baseUrl();

    @WithDefault("PT5M")
    Duration maxTokenLifetime();

    @WithDefault("PT30S")
    Duration clockSkew();

    @WithDefault("10m")
    String replayPurgeEvery();

    @WithDefault("PT1H")
    Duration jwksCache();

    Map<String, Client> clients();

    interface Client {
        String issuer();

        Optional<String> publicKeyLocation();

        Optional<String> jwksUrl();
    }
}
