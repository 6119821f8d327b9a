package org.ilsafety.interaction.cds.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The allow-list of CDS Hooks clients: issuer to verification key (a PEM public key, or the keys of a JWKS
 * URL, fetched and cached). A client configured without a key stops the service at start.
 */
@Singleton
public class TrustedClients {
    private final Map<String, Trusted> byIssuer;

    public TrustedClients(CdsHooksSettings settings) {
        this.byIssuer = settings.clients().entrySet().stream()
                .map(e -> trusted(e.getKey(), e.getValue()))
                .collect(Collectors.toUnmodifiableMap(Trusted::issuer, Function.identity()));
    }

    public Optional<Trusted> byIssuer(String issuer) {
        return Optional.ofNullable(byIssuer.get(issuer));
    }

    /** One allow-listed EHR: its issuer, the name it is configured under, and how to find its key. */
    public record Trusted(String issuer, String name, KeySource keys) {
        public Key keyFor(JsonWebSignature jws) throws TokenRejected {
            return keys.keyFor(jws);
        }
    }

    interface KeySource {
        Key keyFor(JsonWebSignature jws) throws TokenRejected;
    }

    private static Trusted trusted(String name, CdsHooksSettings.Client client) {
        if (client.jwksUrl().isPresent()) {
            HttpsJwksVerificationKeyResolver resolver = new HttpsJwksVerificationKeyResolver(new HttpsJwks(client.jwksUrl().get()));
            return new Trusted(client.issuer(), name, jws -> {
                try {
                    return resolver.resolveKey(jws, List.of());
                } catch (UnresolvableKeyException e) {
                    throw new TokenRejected("no key of the issuer's JWKS matches the token");
                }
            });
        }
        String location = client.publicKeyLocation().orElseThrow(() -> new IllegalStateException(
                "CDS Hooks client '" + name + "' needs suite.cds-hooks.clients." + name + ".public-key-location or .jwks-url"));
        PublicKey key = publicKey(read(location), name);
        return new Trusted(client.issuer(), name, jws -> key);
    }

    private static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                return resource(location.substring("classpath:".length()));
            }
            Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
            return Files.exists(file) ? Files.readString(file) : resource(location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CDS Hooks client key " + location, e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name.replaceFirst("^/", ""))) {
            if (in == null) {
                throw new IllegalStateException("CDS Hooks client key not found: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** An RSA or EC public key in PEM ({@code BEGIN PUBLIC KEY}, X.509 SubjectPublicKeyInfo). */
    static PublicKey publicKey(String pem, String name) {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisKind) {
                // try the next algorithm
            }
        }
        throw new IllegalStateException("The key of CDS Hooks client '" + name + "' is neither an RSA nor an EC public key");
    }
}
