package org.ilsafety.console;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The person behind this request: a demo sign-in session (local stack), or the identity provider's
 * access token from the OIDC authorization-code flow (hospital).
 */
@RequestScoped
public class CurrentUser {
    private final Sessions sessions;
    private final HttpHeaders headers;
    private final SecurityIdentity identity;
    private final String rolesClaim;

    public CurrentUser(Sessions sessions, HttpHeaders headers, SecurityIdentity identity, ConsoleSettings settings) {
        this.sessions = sessions;
        this.headers = headers;
        this.identity = identity;
        this.rolesClaim = settings.rolesClaim();
    }

    public Optional<SignedInUser> find() {
        var cookie = headers.getCookies().get(Sessions.COOKIE);
        Optional<SignedInUser> demo = sessions.find(cookie == null ? null : cookie.getValue());
        if (demo.isPresent()) {
            return demo;
        }
        if (identity != null && !identity.isAnonymous()) {
            AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
            if (credential != null) {
                return Optional.of(Jwt.user(credential.getToken(), rolesClaim));
            }
        }
        return Optional.empty();
    }

    /** The signed-in person, or a redirect to the sign-in page. */
    public SignedInUser require() {
        return find().orElseThrow(SignInRequired::new);
    }

    /** Thrown when a page needs a signed-in person; answered with a redirect to {@code /sign-in}. */
    public static final class SignInRequired extends RuntimeException {
        SignInRequired() {
            super("sign-in required", null, false, false);
        }
    }
}
