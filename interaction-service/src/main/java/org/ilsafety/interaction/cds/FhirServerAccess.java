package org.ilsafety.interaction.cds;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.ilsafety.common.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The EHR's FHIR server as a hook call names it ({@code fhirServer}) and the access token it grants
 * ({@code fhirAuthorization.access_token}), once the server is one the token may be sent to:
 * <ul>
 * <li>the calling EHR's allow-list ({@code suite.cds-hooks.clients.<name>.fhir-servers}), when configured, names
 * every server it may send (then an {@code http} one too);</li>
 * <li>otherwise only {@code https}, or {@code http} on a loopback address where
 * {@code suite.cds-hooks.fhir-fetch.allow-loopback-http} is on (tests).</li>
 * </ul>
 * A request whose missing data cannot be fetched at all (no {@code fhirServer}, no token, a server the token may
 * not go to) is answered 412 ({@link PrefetchMissing}); a malformed {@code fhirServer} or {@code fhirAuthorization}
 * is a 400 naming the field.
 */
record FhirServerAccess(URI base, String accessToken) {
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    static FhirServerAccess of(CdsModel.HookRequest request, List<String> missing, Optional<List<String>> allowList, boolean allowLoopbackHttp) {
        String server = request.fhirServer();
        if (server == null || server.isBlank()) {
            throw new PrefetchMissing(missing, "the request names no fhirServer to fetch it from");
        }
        URI base = base(server);
        JsonNode authorization = request.fhirAuthorization();
        if (authorization == null || authorization.isNull()) {
            throw new PrefetchMissing(missing, "the request grants no fhirAuthorization for its fhirServer");
        }
        String token = token(authorization);
        if (allowList.isPresent()) {
            if (allowList.get().stream().map(FhirServerAccess::normalized).noneMatch(normalized(server)::equals)) {
                throw new PrefetchMissing(missing, "fhirServer is not one of the FHIR servers configured for this EHR; the access token is not sent to it");
            }
        } else if (!"https".equals(base.getScheme()) && !(allowLoopbackHttp && loopback(base.getHost()))) {
            throw new PrefetchMissing(missing, "fhirServer is not https; the access token is not sent over plain http");
        }
        return new FhirServerAccess(base, token);
    }

    /** The absolute URL of a query relative to the base ({@code MedicationStatement?patient=...}). */
    URI query(String relative) {
        return URI.create(base.toString() + "/" + relative);
    }

    /** Whether {@code url} (a next link) lies under this server's base: the token goes nowhere else. */
    boolean contains(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        return base.getScheme().equalsIgnoreCase(String.valueOf(url.getScheme())) && base.getHost().equalsIgnoreCase(String.valueOf(url.getHost()))
                && port(base) == port(url) && url.getRawUserInfo() == null
                && (path.equals(basePath) || path.startsWith(basePath + "/"));
    }

    private static URI base(String server) {
        URI uri;
        try {
            uri = new URI(server.trim().replaceFirst("/+$", ""));
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("fhirServer", "must be the absolute base URL of a FHIR server");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ProblemException.badRequest("fhirServer", "must be the absolute http(s) base URL of a FHIR server, without query, fragment or user");
        }
        return uri;
    }

    private static String token(JsonNode authorization) {
        if (!authorization.isObject()) {
            throw ProblemException.badRequest("fhirAuthorization", "must be an object with access_token and token_type");
        }
        JsonNode token = authorization.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank() || token.asText().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ProblemException.badRequest("fhirAuthorization.access_token", "is required: the OAuth 2.0 token for fhirServer");
        }
        JsonNode type = authorization.get("token_type");
        if (type != null && !(type.isTextual() && type.asText().equalsIgnoreCase("Bearer"))) {
            throw ProblemException.badRequest("fhirAuthorization.token_type", "must be Bearer");
        }
        return token.asText();
    }

    private static String normalized(String url) {
        String trimmed = url.trim().replaceFirst("/+$", "");
        try {
            URI uri = new URI(trimmed);
            return (uri.getScheme() + "://" + uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (URISyntaxException | NullPointerException e) {
            return trimmed;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A loopback literal or {@code localhost}: never resolved here, so a name cannot be made to point elsewhere later. */
    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || LOOPBACK_V4.matcher(h).matches() || h.equals("[::1]") || h.equals("::1");
    }
}
