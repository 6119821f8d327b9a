package org.ilsafety.hl7.mllp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ilsafety.hl7.GatewayConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The MLLP listener: one thread per connection (engines keep a few long-lived connections), frames answered
 * in order on the connection they came on. Plain TCP, or TLS (optionally mutual) when configured.
 */
@ApplicationScoped
public class MllpServer {
    private static final Logger LOG = Logger.getLogger(MllpServer.class);

    private final GatewayConfig.Mllp config;
    private final FrameHandler handler;
    private final Charset charset;
    private final Semaphore connections;
    private final AtomicInteger connectionNumber = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mllp-connection-" + connectionNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private volatile ServerSocket server;

    public MllpServer(GatewayConfig config, FrameHandler handler) {
        this.config = config.mllp();
        this.handler = handler;
        this.charset = Charset.forName(this.config.charset());
        this.connections = new Semaphore(this.config.maxConnections());
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        ServerSocket socket = config.tls().enabled() ? tlsServerSocket(config.tls()) : new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(config.host(), config.port()), 100);
        server = socket;
        Thread acceptor = new Thread(this::acceptLoop, "mllp-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.infof("MLLP listening on %s:%d (%s)", config.host(), port(), config.tls().enabled() ? "TLS" : "plain TCP");
    }

    void onStop(@Observes ShutdownEvent event) {
        close();
    }

    /** The bound port (the configured one, or the one the system chose for port 0). */
    public int port() {
        ServerSocket socket = server;
        return socket == null ? -1 : socket.getLocalPort();
    }

    public boolean listening() {
        ServerSocket socket = server;
        return socket != null && socket.isBound() && !socket.isClosed();
    }

    private void acceptLoop() {
        while (listening()) {
            ServerSocket listener = server;
            Socket socket;
            try {
                if (listener == null) {
                    return;
                }
                socket = listener.accept();
            } catch (IOException e) {
                if (listening()) {
                    LOG.warnf("MLLP accept failed: %s", e.getClass().getSimpleName());
                }
                continue;
            }
            if (!connections.tryAcquire()) {
                LOG.warnf("MLLP connection refused: %d connections already open", config.maxConnections());
                closeQuietly(socket);
                continue;
            }
            workers.execute(() -> {
                try {
                    serve(socket);
                } finally {
                    connections.release();
                }
            });
        }
    }

    private void serve(Socket socket) {
        String peer = socket.getInetAddress().getHostAddress();
        try (socket) {
            socket.setSoTimeout((int) config.frameTimeout().toMillis());
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096);
            MllpFrameReader reader = new MllpFrameReader(in, config.maxFrameBytes(), charset);
            MllpFrame frame;
            while ((frame = reader.next()) != null) {
                Optional<String> ack = handler.answer(frame, peer);
                if (ack.isPresent()) {
                    out.write(MllpFrameReader.START_BLOCK);
                    out.write(ack.get().getBytes(charset));
                    out.write(MllpFrameReader.END_BLOCK);
                    out.write(MllpFrameReader.CARRIAGE_RETURN);
                    out.flush();
                }
                if (frame.ending() == MllpFrame.Ending.CLOSED_INSIDE_FRAME) {
                    return;
                }
            }
        } catch (SocketException e) {
            LOG.debugf("MLLP connection from %s ended: %s", peer, e.getClass().getSimpleName());
        } catch (IOException e) {
            LOG.warnf("MLLP connection from %s failed: %s", peer, e.getClass().getSimpleName());
        }
    }

    private static ServerSocket tlsServerSocket(GatewayConfig.Tls tls) throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] keyPassword = tls.keyStorePassword().orElse("").toCharArray();
            keys.init(load(tls.keyStore().orElseThrow(() -> new IllegalStateException("hl7.mllp.tls.key-store is required with TLS")),
                    keyPassword), keyPassword);
            TrustManagerFactory trust = null;
            if (tls.trustStore().isPresent()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(tls.trustStore().get(), tls.trustStorePassword().orElse("").toCharArray()));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            socket.setEnabledProtocols(new String[] { "TLSv1.3", "TLSv1.2" });
            socket.setNeedClientAuth(trust != null);
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IOException("The MLLP TLS key or trust store cannot be used", e);
        }
    }

    private static KeyStore load(String path, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password);
        }
        return store;
    }

    private void close() {
        ServerSocket socket = server;
        server = null;
        if (socket != null) {
            closeQuietly(socket);
        }
        workers.shutdownNow();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
