package org.ilsafety.common.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ilsafety.common.config.SuiteConfig;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * Pseudonymous patient references for logs, metrics and dashboards: a keyed hash (HMAC-SHA256) of the
 * patient id. The same patient gets the same pseudonym in every service sharing the key; without the
 * key the id cannot be recovered. In production mode a service refuses to start without a key of its
 * own ({@code SUITE_PSEUDONYM_KEY}): the development key is public, so its pseudonyms are reversible.
 */
@Startup
@ApplicationScoped
public class Pseudonymizer {
    /** The key of {@code quarkus dev} only (application.properties); refused in production mode. */
    public static final String DEVELOPMENT_KEY = "local-development-key-change-me";
    public static final int MINIMUM_KEY_LENGTH = 32;

    /** A MAC per thread: looking one up and keying it costs more than the hash itself. */
    private final ThreadLocal<Mac> macs;

    @Inject
    public Pseudonymizer(SuiteConfig config) {
        this(requireKey(config.pseudonym().key(), LaunchMode.current()));
    }

    public Pseudonymizer(String key) {
        SecretKeySpec secret = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(secret);
                return mac;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    /** The configured key, unless it is missing, or in production mode the development key or a short one. */
    static String requireKey(Optional<String> key, LaunchMode mode) {
        String configured = key.map(String::strip).orElse("");
        if (configured.isEmpty()) {
            throw new IllegalStateException("SUITE_PSEUDONYM_KEY is not set: give the services a random secret of at least "
                    + MINIMUM_KEY_LENGTH + " characters, the same for every service (the run command generates one)");
        }
        if (mode == LaunchMode.NORMAL && (configured.equals(DEVELOPMENT_KEY) || configured.length() < MINIMUM_KEY_LENGTH)) {
            throw new IllegalStateException("SUITE_PSEUDONYM_KEY is the public development key or shorter than " + MINIMUM_KEY_LENGTH
                    + " characters: pseudonyms made with it can be reversed; set a random secret");
        }
        return configured;
    }

    public String of(String patientId) {
        byte[] digest = macs.get().doFinal(patientId.getBytes(StandardCharsets.UTF_8));
        return "p-" + HexFormat.of().formatHex(digest, 0, 8);
    }
}
