package org.ilsafety.interaction.cds.client;

import java.time.Duration;
import java.util.List;
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
 * {@code clock-skew} (expired token ids are purged by {@link TokenReplayPurgeJob});</li>
 * <li>{@code suite.cds-hooks.clients.<name>.fhir-servers}: the FHIR base URLs this EHR may name as {@code fhirServer}
 * (optional; when set, no other; an {@code http} URL only if listed here);</li>
 * <li>{@code suite.cds-hooks.fhir-fetch.*}: how missing prefetch is fetched from {@code fhirServer} ({@link FhirFetch}).</li>
 * </ul>
 */
@ConfigMapping(prefix = "suite.cds-hooks")
public interface CdsHooksSettings {
    String baseUrl();

    @WithDefault("PT5M")
    Duration maxTokenLifetime();

    @WithDefault("PT30S")
    Duration clockSkew();

    @WithDefault("PT1H")
    Duration jwksCache();

    Map<String, Client> clients();

    FhirFetch fhirFetch();

    interface Client {
        String issuer();

        Optional<String> publicKeyLocation();

        Optional<String> jwksUrl();

        /** The FHIR base URLs this EHR may send as {@code fhirServer}; unset: any {@code https} URL. */
        Optional<List<String>> fhirServers();
    }

    /** Fetching missing prefetch data from the EHR's {@code fhirServer}. */
    interface FhirFetch {
        /** Time to open the connection. */
        @WithDefault("PT2S")
        Duration connectTimeout();

        /** Time for one page's response (headers and body). */
        @WithDefault("PT5S")
        Duration readTimeout();

        /** Time for everything a call fetches (all keys, all pages; the keys are fetched in parallel). */
        @WithDefault("PT8S")
        Duration deadline();

        /** The largest page accepted, in bytes. */
        @WithDefault("5242880")
        long maxPageBytes();

        /** Pages followed per key through {@code Bundle.link[next]}; more means the data is incomplete. */
        @WithDefault("10")
        int maxPages();

        /** Whether an {@code http} fhirServer on a loopback address is accepted without being listed (tests only). */
        @WithDefault("false")
        boolean allowLoopbackHttp();
    }
}
