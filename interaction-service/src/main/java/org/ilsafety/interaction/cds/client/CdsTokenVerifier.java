package org.ilsafety.interaction.cds.client;

import java.security.Key;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.common.security.TokenPolicy;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * Verifies a CDS Hooks client's JWT as CDS Hooks 2.0 ("Trusting CDS Clients") requires: signed (RS256 or
 * ES256) by an allow-listed issuer's key, {@code aud} the called CDS service's URL, {@code exp} present and
 * not passed, {@code iat} present, a lifetime no longer than configured, and a {@code jti} never used
 * before. The first failed check is the reason; a reason never repeats the token or a claim's value.
 */
@ApplicationScoped
public class CdsTokenVerifier {
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    private static final Set<String> ACCEPTED = Set.of(AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    private final TrustedClients clients;
    private final TokenReplayGuard replays;
    private final TokenPolicy policy;
    private final long skewSeconds;

    public CdsTokenVerifier(TrustedClients clients, TokenReplayGuard replays, CdsHooksSettings settings) {
        this.clients = clients;
        this.replays = replays;
        this.policy = new TokenPolicy(settings.maxTokenLifetime(), settings.clockSkew());
        this.skewSeconds = settings.clockSkew().toSeconds();
    }

    /**
     * @param authorization the request's {@code Authorization} header (may be null)
     * @param audiences the URLs the token's {@code aud} may name for the endpoint called
     */
    public CdsClient verify(String authorization, List<String> audiences, Instant now) throws TokenRejected {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            throw new TokenRejected("no bearer token");
        }
        JsonWebSignature jws = signature(authorization.substring(7).trim());
        if (!ACCEPTED.contains(jws.getAlgorithmHeaderValue())) {
            throw new TokenRejected("signature algorithm not accepted (RS256 or ES256)");
        }
        JwtClaims claims = claims(jws.getUnverifiedPayload());
        String issuer = text(claims, "iss");
        TrustedClients.Trusted client = clients.byIssuer(issuer).orElseThrow(() -> new TokenRejected("issuer not on the allow-list"));
        Key key = client.keyFor(jws);
        jws.setAlgorithmConstraints(ALGORITHMS);
        jws.setKey(key);
        if (!verified(jws)) {
            throw new TokenRejected("signature does not verify with the issuer's key");
        }
        // The claims read before were those of the payload the signature covers.
        audience(claims, audiences);
        long nowSeconds = now.getEpochSecond();
        NumericDate expires = date(claims, "exp");
        if (expires.getValue() + skewSeconds <= nowSeconds) {
            throw new TokenRejected("token expired (exp has passed)");
        }
        NumericDate issued = date(claims, "iat");
        java.util.Optional<String> violation = policy.violation(issued.getValue(), expires.getValue(), nowSeconds);
        if (violation.isPresent()) {
            throw new TokenRejected(violation.get());
        }
        String jti = text(claims, "jti");
        if (!replays.firstUse(issuer, jti, Instant.ofEpochSecond(expires.getValue() + skewSeconds))) {
            throw new TokenRejected("jti already used (a token is good for one call)");
        }
        String subject = claims.hasClaim("sub") ? text(claims, "sub") : client.name();
        return new CdsClient(issuer, subject);
    }

    private static JsonWebSignature signature(String token) throws TokenRejected {
        try {
            if (JsonWebStructure.fromCompactSerialization(token) instanceof JsonWebSignature jws) {
                return jws;
            }
        } catch (JoseException | RuntimeException malformed) {
            throw new TokenRejected("the token is not a well-formed JWT");
        }
        throw new TokenRejected("the token is not a signed JWT (JWS)");
    }

    private static JwtClaims claims(String payload) throws TokenRejected {
        try {
            return JwtClaims.parse(payload);
        } catch (InvalidJwtException | RuntimeException e) {
            throw new TokenRejected("the token's claims are not a JSON object");
        }
    }

    private static boolean verified(JsonWebSignature jws) {
        try {
            return jws.verifySignature();
        } catch (JoseException | RuntimeException e) {
            return false;
        }
    }

    private static void audience(JwtClaims claims, List<String> expected) throws TokenRejected {
        List<String> audiences;
        try {
            audiences = claims.hasAudience() ? claims.getAudience() : List.of();
        } catch (MalformedClaimException e) {
            throw new TokenRejected("aud is neither a string nor a list of strings");
        }
        if (audiences.isEmpty()) {
            throw new TokenRejected("aud missing");
        }
        if (audiences.stream().noneMatch(expected::contains)) {
            throw new TokenRejected("aud is not the URL of the CDS service called");
        }
    }

    private static NumericDate date(JwtClaims claims, String name) throws TokenRejected {
        try {
            NumericDate date = claims.getNumericDateClaimValue(name);
            if (date == null) {
                throw new TokenRejected(name + " missing");
            }
            return date;
        } catch (MalformedClaimException e) {
            throw new TokenRejected(name + " is not a number of seconds");
        }
    }

    private static String text(JwtClaims claims, String name) throws TokenRejected {
        try {
            String value = claims.getStringClaimValue(name);
            if (value == null || value.isBlank()) {
                throw new TokenRejected(name + " missing");
            }
            return value;
        } catch (MalformedClaimException e) {
            throw new TokenRejected(name + " is not a string");
        }
    }
}
