package org.ilsafety.stack.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Signs RS256 JSON Web Tokens the way an identity provider does: {@code iss}, {@code sub}, {@code aud},
 * {@code groups} (the suite's roles), {@code iat}, {@code exp} and a unique {@code jti}. Used by the local
 * stack for demo tokens and by tests for every token they send; the services verify them exactly like a
 * hospital's.
 */
public final class TokenIssuer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String issuer;

    public TokenIssuer(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /** A token for {@code subject} with {@code roles}, valid for {@code lifetime} from now. */
    public String token(String subject, String audience, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        return token(subject, audience, roles, now, now.plus(lifetime));
    }

    public String token(String subject, String audience, List<String> roles, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", audience);
        if (!roles.isEmpty()) {
            claims.put("groups", roles);
        }
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /** Signs any claim set (tests use it for tokens that lack a claim). */
    public String sign(Map<String, Object> claims) {
        try {
            String header = encode(Map.of("alg", "RS256", "typ", "JWT"));
            String signingInput = header + "." + encode(claims);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
