package org.ilsafety.common.security;


import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.ilsafety.common.config.SuiteConfig;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Applies the {@link TokenPolicy} to every verified {@code /api} bearer token (signature, issuer,
 * audience and expiry are smallrye-jwt's checks): a token issued in the future or for longer than
 * {@code suite.api.max-token-lifetime} (12 h by default, the demo tokens' lifetime) is refused with 401.
 */
@ApplicationScoped
public class ApiTokenPolicy implements SecurityIdentityAugmentor {
    private static final Logger LOG = Logger.getLogger(ApiTokenPolicy.class);

    private final TokenPolicy policy;

    public ApiTokenPolicy(SuiteConfig config) {
        this.policy = new TokenPolicy(config.api().maxTokenLifetime(), config.api().clockSkew());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        var violation = policy.violation(seconds(token, "iat"), seconds(token, "exp"), System.currentTimeMillis() / 1000);
        if (violation.isPresent()) {
            LOG.debugf("Bearer token refused: %s", violation.get());
            return Uni.createFrom().failure(new AuthenticationFailedException(violation.get()));
        }
        return Uni.createFrom().item(identity);
    }

    private static Long seconds(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof jakarta.json.JsonNumber number) {
            return number.longValue();
        }
        return null;
    }
}
