package org.ilsafety.console;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Demo sign-in sessions: a random id in an HttpOnly, SameSite=Strict cookie, the token kept here (never in
 * the browser). A session ends with sign-out or when its token expires.
 */
@ApplicationScoped
public class Sessions {
    public static final String COOKIE = "ilsafety_console";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SignedInUser> open = new ConcurrentHashMap<>();

    public String open(SignedInUser user) {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        open.put(session, user);
        return session;
    }

    public Optional<SignedInUser> find(String session) {
        if (session == null) {
            return Optional.empty();
        }
        SignedInUser user = open.get(session);
        if (user != null && user.expiresAt().isBefore(Instant.now())) {
            open.remove(session);
            return Optional.empty();
        }
        return Optional.ofNullable(user);
    }

    public void close(String session) {
        if (session != null) {
            open.remove(session);
        }
    }
}
