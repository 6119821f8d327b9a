package org.ilsafety.common.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pseudonymous patient references for logs, metrics and dashboards: a keyed hash (HMAC-SHA256) of the
 * patient id. The same patient gets the same pseudonym in every service sharing the key; without the
 * key the id cannot be recovered.
 */
@ApplicationScoped
public class Pseudonymizer {
    /** A MAC per thread: looking one up and keying it costs more than the hash itself. */
    private final ThreadLocal<Mac> macs;

    public Pseudonymizer(@ConfigProperty(name = "suite.pseudonym.key") String key) {
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

    public String of(String patientId) {
        byte[] digest = macs.get().doFinal(patientId.getBytes(StandardCharsets.UTF_8));
        return "p-" + HexFormat.of().formatHex(digest, 0, 8);
    }
}
