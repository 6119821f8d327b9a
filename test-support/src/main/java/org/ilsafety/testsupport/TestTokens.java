package org.ilsafety.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.ilsafety.stack.security.LocalIdentityProvider;
import org.ilsafety.stack.security.SigningKeys;
import org.ilsafety.stack.security.TokenIssuer;

/**
 * Real RS256 tokens for tests, signed by the test infrastructure's identity provider (the one the
 * service under test trusts), plus the ways a token can be wrong. Every REST call of a test carries
 * {@link #ALL_ROLES} unless it sets its own {@code Authorization} header ({@link DefaultTestCaller}).
 */
public final class TestTokens {
    /** Subject of the default test caller, who holds every role. */
    public static final String DEFAULT_SUBJECT = "test-caller";
    public static final String[] ALL_ROLES = LocalIdentityProvider.ROLES.toArray(String[]::new);
    /** Set by {@link SuiteTestInfrastructure}: where the test identity provider keeps its keys. */
    static final String SECURITY_DIRECTORY_PROPERTY = "ilsafety.test.security-directory";
    private static final Duration LIFETIME = Duration.ofMinutes(30);
    private static volatile Loaded loaded;

    private TestTokens() {
    }

    /** A valid token for a caller named {@code subject} holding {@code roles}. */
    public static String token(String subject, String... roles) {
        return provider().suiteIssuer().token(subject, LocalIdentityProvider.AUDIENCE, Arrays.asList(roles), LIFETIME);
    }

    public static String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }

    /** Expired five minutes ago (beyond the verifier's clock skew). */
    public static String expired(String... roles) {
        Instant now = Instant.now();
        return provider().suiteIssuer().token(DEFAULT_SUBJECT, LocalIdentityProvider.AUDIENCE, Arrays.asList(roles),
                now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(5)));
    }

    /** Issued an hour from now (beyond the clock skew), valid for 30 minutes after that. */
    public static String issuedInTheFuture(String... roles) {
        Instant now = Instant.now();
        return provider().suiteIssuer().token(DEFAULT_SUBJECT, LocalIdentityProvider.AUDIENCE, Arrays.asList(roles),
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(90)));
    }

    /** Valid, but issued for ten years. */
    public static String tenYearLifetime(String... roles) {
        Instant now = Instant.now();
        return provider().suiteIssuer().token(DEFAULT_SUBJECT, LocalIdentityProvider.AUDIENCE, Arrays.asList(roles),
                now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(3653)));
    }

    public static String wrongIssuer(String... roles) {
        return new TokenIssuer(provider().keys().privateKey(), "urn:example:someone-else")
                .token(DEFAULT_SUBJECT, LocalIdentityProvider.AUDIENCE, Arrays.asList(roles), LIFETIME);
    }

    public static String wrongAudience(String... roles) {
        return provider().suiteIssuer().token(DEFAULT_SUBJECT, "another-application", Arrays.asList(roles), LIFETIME);
    }

    /** Right issuer and audience, signed by a key the services do not trust. */
    public static String wrongKey(String... roles) {
        return new TokenIssuer(SigningKeys.generate().getPrivate(), LocalIdentityProvider.ISSUER)
                .token(DEFAULT_SUBJECT, LocalIdentityProvider.AUDIENCE, Arrays.asList(roles), LIFETIME);
    }

    /** A one-time CDS Hooks token of the local EHR for the service at {@code audience}. */
    public static String ehr(String audience) {
        return provider().ehrIssuer().token("local-ehr", audience, List.of(), Duration.ofMinutes(5));
    }

    /** Any claim set signed by the EHR's key: for tokens that lack or bend a claim. */
    public static String ehrSigned(Map<String, Object> claims) {
        return provider().ehrIssuer().sign(claims);
    }

    public static String ehrIssuer() {
        return LocalIdentityProvider.EHR_ISSUER;
    }

    /** The test infrastructure's provider, read once per key folder (reading the key costs more than signing). */
    private static LocalIdentityProvider provider() {
        String directory = System.getProperty(SECURITY_DIRECTORY_PROPERTY);
        if (directory == null) {
            throw new IllegalStateException("The test infrastructure is not running (no signing keys)");
        }
        Loaded current = loaded;
        if (current == null || !current.directory().equals(directory)) {
            current = new Loaded(directory, LocalIdentityProvider.inDirectory(Path.of(directory)));
            loaded = current;
        }
        return current.provider();
    }

    private record Loaded(String directory, LocalIdentityProvider provider) {
    }
}
