package org.ilsafety.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import jakarta.inject.Inject;

import org.ilsafety.hl7.mllp.MllpServer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** MLLP over TLS: a message over TLS is acknowledged; a plain TCP sender on the TLS port gets no ACK. */
@QuarkusTest
@TestProfile(MllpTlsTest.Tls.class)
class MllpTlsTest {
    static final String PASSWORD = "test-keystore-secret";

    @Inject
    MllpServer server;

    @Test
    void aMessageOverTlsIsAcknowledged() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Tls.keyStore())) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port());
        socket.startHandshake();
        try (MllpClient client = new MllpClient(socket)) {
            String message = V2Fixtures.message("adt-a31-weight.hl7", V2Fixtures.uniqueMrn(), V2Fixtures.uniqueControlId());
            assertEquals("AA", client.send(message).code());
        }
    }

    @Test
    void aPlainSenderOnTheTlsPortGetsNoAck() throws Exception {
        try (MllpClient client = MllpClient.connect(server.port())) {
            String message = V2Fixtures.message("adt-a31-weight.hl7", V2Fixtures.uniqueMrn(), V2Fixtures.uniqueControlId());
            assertThrows(IOException.class, () -> client.send(message));
        }
    }

    public static class Tls implements QuarkusTestProfile {
        private static Path keyStore;

        static synchronized Path keyStore() {
            if (keyStore == null) {
                try {
                    Path directory = Files.createTempDirectory("hl7-tls-");
                    keyStore = directory.resolve("gateway.p12");
                    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
                    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "EC",
                            "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                            "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                            "-keypass", PASSWORD).redirectErrorStream(true).start();
                    if (process.waitFor() != 0) {
                        throw new IllegalStateException("keytool failed: " + new String(process.getInputStream().readAllBytes()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return keyStore;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hl7.mllp.tls.enabled", "true", "hl7.mllp.tls.key-store", keyStore().toString(),
                    "hl7.mllp.tls.key-store-password", PASSWORD);
        }
    }
}
