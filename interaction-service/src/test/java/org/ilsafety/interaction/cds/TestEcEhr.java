package org.ilsafety.interaction.cds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A second allow-listed EHR for the tests, signing ES256 with a P-256 key generated per test run (the local
 * EHR signs RS256): proves the ES256 path, and signs fast enough to give each of tens of thousands of fuzzed
 * CDS Hooks requests its own token. The private key stays in a temporary folder named by a system property.
 */
public class TestEcEhr implements QuarkusTestResourceLifecycleManager {
    public static final String ISSUER = "urn:ilsafety:test-ec-ehr";
    public static final String FHIR_SERVER = "https://fhir.test-ec-ehr.test/fhir";
    private static final String DIRECTORY_PROPERTY = "ilsafety.test.ec-ehr-directory";
    private static volatile PrivateKey key;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Path directory = Files.createTempDirectory("test-ec-ehr-");
            Files.writeString(directory.resolve("private-key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Path publicKey = directory.resolve("public-key.pem");
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            System.setProperty(DIRECTORY_PROPERTY, directory.toString());
            return Map.of("suite.cds-hooks.clients.test-ec-ehr.issuer", ISSUER,
                    "suite.cds-hooks.clients.test-ec-ehr.public-key-location", publicKey.toString(),
                    // This EHR may only name its own FHIR server: CdsPrefetchFetchApiTest checks the token goes nowhere else.
                    "suite.cds-hooks.clients.test-ec-ehr.fhir-servers", FHIR_SERVER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** A one-time ES256 token of this EHR for the CDS service at {@code audience}, valid 5 minutes. */
    public static String token(String audience) {
        JwtClaims claims = new JwtClaims();
        long now = Instant.now().getEpochSecond();
        claims.setIssuer(ISSUER);
        claims.setSubject("test-ec-ehr");
        claims.setAudience(audience);
        claims.setClaim("iat", now);
        claims.setClaim("exp", now + 300);
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey key() {
        if (key == null) {
            String directory = System.getProperty(DIRECTORY_PROPERTY);
            if (directory == null) {
                throw new IllegalStateException("The test EC EHR is not set up");
            }
            try {
                String pem = Files.readString(Path.of(directory, "private-key.pem"));
                byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
                key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return key;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
