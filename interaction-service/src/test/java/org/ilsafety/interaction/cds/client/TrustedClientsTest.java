package org.ilsafety.interaction.cds.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** The client key as a JWKS URL (with caching and rotation) or a PEM file, checked when the allow-list is built. */
class TrustedClientsTest {
    /** jose4j re-reads a JWKS for an unknown key id only if the last read is older than 300 ms. */
    private static final long REFRESH_REPRIEVE_MILLIS = 400;
    private HttpServer server;
    private final AtomicReference<String> jwks = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private String url;

    @BeforeEach
    void serveJwks() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aJwksUrlAsKeyLocationVerifiesTokensCachesTheKeysAndFollowsARotation() throws Exception {
        RsaJsonWebKey first = key("2026-a");
        RsaJsonWebKey second = key("2026-b");
        publish(first);
        TrustedClients.Trusted ehr = TrustedClients.trusted("ehr", client(null, url), Duration.ofHours(1));
        assertEquals(1, fetches.get(), "the JWKS is read once at start-up");

        assertEquals(first.getPublicKey(), ehr.keyFor(signedWith(first)));
        assertEquals(first.getPublicKey(), ehr.keyFor(signedWith(first)));
        assertEquals(1, fetches.get(), "known key ids are served from the cache");

        publish(first, second);
        Thread.sleep(REFRESH_REPRIEVE_MILLIS);
        assertEquals(second.getPublicKey(), ehr.keyFor(signedWith(second)), "a new key id fetches the JWKS again");
        assertEquals(2, fetches.get());

        publish(second);
        RsaJsonWebKey stranger = key("someone-else");
        Thread.sleep(REFRESH_REPRIEVE_MILLIS);
        assertThrows(TokenRejected.class, () -> ehr.keyFor(signedWith(stranger)));
        assertEquals(3, fetches.get(), "an unknown key id is looked up once more, then refused");
    }

    @Test
    void aPemFileIsReadAtStartUp(@TempDir Path directory) throws Exception {
        RsaJsonWebKey key = key("pem");
        Path pem = directory.resolve("ehr.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(key.getPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        TrustedClients.Trusted ehr = TrustedClients.trusted("ehr", client(pem.toString(), null), Duration.ofHours(1));
        assertEquals(key.getPublicKey(), ehr.keyFor(signedWith(key)));
    }

    @Test
    void aMissingKeyFileOrMalformedUrlStopsTheStartNotTheFirstCall(@TempDir Path directory) {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> TrustedClients.trusted("ehr", client(directory.resolve("absent.pem").toString(), null), Duration.ofHours(1)));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        IllegalStateException malformed = assertThrows(IllegalStateException.class,
                () -> TrustedClients.trusted("ehr", client("https:///jwks", null), Duration.ofHours(1)));
        assertTrue(malformed.getMessage().contains("malformed"), malformed.getMessage());
        assertThrows(IllegalStateException.class, () -> TrustedClients.trusted("ehr", client(null, null), Duration.ofHours(1)));
    }

    @Test
    void anUnreachableJwksAtStartIsFetchedAgainAtTheFirstCall() throws Exception {
        RsaJsonWebKey first = key("late");
        jwks.set("not json");
        TrustedClients.Trusted ehr = TrustedClients.trusted("ehr", client(url, null), Duration.ofHours(1));
        publish(first);
        assertEquals(first.getPublicKey(), ehr.keyFor(signedWith(first)));
    }

    private void publish(RsaJsonWebKey... keys) {
        jwks.set(new JsonWebKeySet(keys).toJson(OutputControlLevel.PUBLIC_ONLY));
    }

    private static RsaJsonWebKey key(String id) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(id);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return key;
    }

    private static JsonWebSignature signedWith(RsaJsonWebKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload("{\"iss\":\"https://ehr.hospital.example\"}");
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return JsonWebSignature.fromCompactSerialization(jws.getCompactSerialization()) instanceof JsonWebSignature parsed ? parsed : null;
    }

    private static CdsHooksSettings.Client client(String publicKeyLocation, String jwksUrl) {
        return new CdsHooksSettings.Client() {
            @Override
            public String issuer() {
                return "https://ehr.hospital.example";
            }

            @Override
            public Optional<String> publicKeyLocation() {
                return Optional.ofNullable(publicKeyLocation);
            }

            @Override
            public Optional<String> jwksUrl() {
                return Optional.ofNullable(jwksUrl);
            }

            @Override
            public Optional<java.util.List<String>> fhirServers() {
                return Optional.empty();
            }
        };
    }
}
