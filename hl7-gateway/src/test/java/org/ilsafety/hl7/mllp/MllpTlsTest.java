package org.ilsafety.hl7.mllp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.ilsafety.hl7.GatewayConfig;
import org.ilsafety.hl7.MllpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLLP listener over TLS, without the rest of the gateway (the flow tests cover that over plain TCP): a
 * frame over TLS is answered; a plain TCP sender gets nothing; with a trust store (mutual TLS) a sender without
 * a trusted certificate is refused and one with it is answered.
 */
class MllpTlsTest {
    static final String PASSWORD = "test-keystore-secret";
    static final String ACK = "MSH|^~\\&|ILSAFETY|ILSAFETY|LAB|GENHOSP|20261127||ACK^R01|1|P|2.5.1\rMSA|AA|X";
    static final FrameHandler ANSWER = (frame, peer) -> Optional.of(ACK);

    @TempDir
    static Path directory;
    static Path keyStore;

    @BeforeAll
    static void keyStore() throws Exception {
        keyStore = directory.resolve("gateway.p12");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        assertEquals(0, process.waitFor(), new String(process.getInputStream().readAllBytes()));
    }

    @Test
    void aFrameOverTlsIsAnsweredAndAPlainSenderIsNot() throws Exception {
        MllpServer server = start(false);
        try {
            try (MllpClient client = new MllpClient(tlsSocket(server.port(), false))) {
                assertEquals("AA", client.send("MSH|^~\\&|LAB|GENHOSP|||20261127||ORU^R01|1|P|2.5.1").code());
            }
            try (MllpClient plain = MllpClient.connect(server.port())) {
                assertThrows(IOException.class, () -> plain.send("MSH|^~\\&|LAB|GENHOSP|||20261127||ORU^R01|1|P|2.5.1"));
            }
        } finally {
            server.onStop(null);
        }
    }

    @Test
    void mutualTlsRefusesASenderWithoutATrustedCertificate() throws Exception {
        MllpServer server = start(true);
        try {
            assertThrows(IOException.class, () -> {
                try (MllpClient client = new MllpClient(tlsSocket(server.port(), false))) {
                    client.send("MSH|^~\\&|LAB|GENHOSP|||20261127||ORU^R01|1|P|2.5.1");
                }
            });
            try (MllpClient client = new MllpClient(tlsSocket(server.port(), true))) {
                assertEquals("AA", client.send("MSH|^~\\&|LAB|GENHOSP|||20261127||ORU^R01|1|P|2.5.1").code());
            }
        } finally {
            server.onStop(null);
        }
    }

    private static MllpServer start(boolean mutual) throws IOException {
        Map<String, Object> tls = Map.of("enabled", true, "keyStore", Optional.of(keyStore.toString()),
                "keyStorePassword", Optional.of(PASSWORD), "trustStore", mutual ? Optional.of(keyStore.toString()) : Optional.empty(),
                "trustStorePassword", Optional.of(PASSWORD));
        Map<String, Object> mllp = Map.of("port", 0, "host", "127.0.0.1", "maxConnections", 4, "maxFrameBytes", 100_000,
                "frameTimeout", Duration.ofSeconds(5), "charset", "UTF-8", "tls", config(GatewayConfig.Tls.class, tls));
        GatewayConfig config = config(GatewayConfig.class, Map.of("mllp", config(GatewayConfig.Mllp.class, mllp)));
        MllpServer server = new MllpServer(config, ANSWER);
        server.onStart(null);
        return server;
    }

    @SuppressWarnings("unchecked")
    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return values.get(method.getName());
        });
    }

    private static SSLSocket tlsSocket(int port, boolean withCertificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(withCertificate ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return socket;
    }
}
