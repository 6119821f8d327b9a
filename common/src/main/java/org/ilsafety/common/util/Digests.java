package org.ilsafety.common.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex, for content-derived keys and knowledge versions. */
public final class Digests {
    private Digests() {
    }

    public static String sha256Hex(String... parts) {
        return sha256Hex(joined(parts));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static byte[] joined(String... parts) {
        return String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8);
    }
}
