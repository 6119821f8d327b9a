package org.ilsafety.interaction.cds.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import io.quarkus.runtime.Startup;

/**
 * The allow-list of CDS Hooks clients: issuer to verification key (a PEM public key, or the keys of a JWKS
 * URL, fetched and cached). Built at start-up ({@link Startup}): a client configured without a key, with a key
 * file that is missing or not a public key, or with a malformed JWKS URL stops the service there, not at the
 * first call. {@code public-key-location} takes a PEM file, a classpath resource or an {@code http(s)} JWKS
 * URL; {@code jwks-url} is the same as the latter.
 * <p>
 * A JWKS is fetched once at start (a failure is logged, not fatal: the EHR may be down while the suite starts),
 * cached for its {@code Cache-Control} max-age ({@code jwks-cache} when it gives none), kept on a failed
 * refresh, and fetched again when a token names a key id the cache does not hold: the EHR's key rotation.
 */
@Startup
@Singleton
public class TrustedClients {
    private static final Logger LOG = Logger.getLogger(TrustedClients.class);
    private final Map<String, Trusted> byIssuer;

    public TrustedClients(CdsHooksSettings settings) {
        this.byIssuer = settings.clients().entrySet().stream()
                .map(e -> trusted(e.getKey(), e.getValue(), settings.jwksCache()))
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

    static Trusted trusted(String name, CdsHooksSettings.Client client, Duration jwksCache) {
        String location = client.jwksUrl().or(client::publicKeyLocation).orElseThrow(() -> new IllegalStateException(
                "CDS Hooks client '" + name + "' needs suite.cds-hooks.clients." + name + ".public-key-location (PEM or JWKS URL) or .jwks-url"));
        if (isUrl(location)) {
            return new Trusted(client.issuer(), name, jwks(name, location, jwksCache));
        }
        PublicKey key = publicKey(read(location), name);
        return new Trusted(client.issuer(), name, jws -> key);
    }

    private static boolean isUrl(String location) {
        return location.startsWith("https://") || location.startsWith("http://");
    }

    private static KeySource jwks(String name, String url, Duration cache) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                throw new URISyntaxException(url, "no host");
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The JWKS URL of CDS Hooks client '" + name + "' is malformed: " + e.getMessage(), e);
        }
        HttpsJwks keys = new HttpsJwks(url);
        keys.setDefaultCacheDuration(cache.toSeconds());
        keys.setRetainCacheOnErrorDuration(cache.toSeconds());
        try {
            LOG.infof("CDS Hooks client '%s': %d key(s) from its JWKS %s", name, keys.getJsonWebKeys().size(), url);
        } catch (JoseException | IOException e) {
            LOG.warnf("CDS Hooks client '%s': its JWKS %s cannot be read now (%s); tried again at its first call", name, url, e.getMessage());
        }
        HttpsJwksVerificationKeyResolver resolver = new HttpsJwksVerificationKeyResolver(keys);
        return jws -> {
            try {
                return resolver.resolveKey(jws, List.of());
            } catch (UnresolvableKeyException e) {
                throw new TokenRejected("no key of the issuer's JWKS matches the token");
            }
        };
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
