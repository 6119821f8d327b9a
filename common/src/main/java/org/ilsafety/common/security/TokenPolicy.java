package org.ilsafety.common.security;

import java.time.Duration;
import java.util.Optional;

/**
 * What a bearer token's times must say, the same for the suite's {@code /api} tokens and the EHRs' CDS
 * Hooks tokens: {@code exp} and {@code iat} present, {@code iat} not in the future (beyond the clock skew),
 * and a lifetime ({@code exp - iat}) no longer than the maximum accepted. A reason never repeats a claim's
 * value.
 */
public record TokenPolicy(Duration maxLifetime, Duration clockSkew) {

    /** The first rule the token's times break, or empty. Times in epoch seconds; null when the claim is missing. */
    public Optional<String> violation(Long issuedAt, Long expiresAt, long nowSeconds) {
        if (expiresAt == null) {
            return Optional.of("the token has no exp");
        }
        if (issuedAt == null) {
            return Optional.of("the token has no iat");
        }
        if (issuedAt > nowSeconds + clockSkew.toSeconds()) {
            return Optional.of("iat is in the future");
        }
        if (expiresAt - issuedAt > maxLifetime.toSeconds()) {
            return Optional.of("lifetime (exp - iat) longer than the " + maxLifetime.toSeconds() + " s accepted");
        }
        return Optional.empty();
    }
}
