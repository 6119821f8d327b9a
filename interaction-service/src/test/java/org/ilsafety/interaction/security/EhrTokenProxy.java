package org.ilsafety.interaction.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.ilsafety.interaction.cds.EhrRequests;
import org.ilsafety.interaction.cds.TestEcEhr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP proxy in front of the service for fuzzing the CDS Hooks endpoints with {@code ApiFuzzer},
 * which sends one fixed bearer token: the proxy gives every {@code /cds-services} request a fresh token of
 * an allow-listed EHR ({@link TestEcEhr}, ES256: cheap to sign) whose {@code aud} is the URL called (as an EHR does), so the fuzzed bodies reach the
 * hook and feedback validation instead of stopping at the token check. The fuzzer invents the
 * {@code {serviceId}} path segment (so nearly every call would be a 404 before its body is read); three
 * requests in four are sent to one of {@code serviceIds} instead, the fourth keeps the invented id.
 * Everything else is passed through unchanged.
 */
final class EhrTokenProxy implements AutoCloseable {
    private static final String PREFIX = "/cds-services/";
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "authorization", "expect", "upgrade",
            "transfer-encoding");

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final List<String> serviceIds;
    private final AtomicLong requests = new AtomicLong();

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes wait for delayed ACKs (~40 ms a request).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private EhrTokenProxy(URI target, List<String> serviceIds) throws IOException {
        this.target = target;
        this.serviceIds = serviceIds;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(workers);
        server.start();
    }

    static EhrTokenProxy start(URI target, List<String> serviceIds) {
        try {
            return new EhrTokenProxy(target, serviceIds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            long n = requests.incrementAndGet();
            if (path.startsWith(PREFIX) && n % 4 != 0) {
                String rest = path.substring(PREFIX.length());
                int slash = rest.indexOf('/');
                path = PREFIX + serviceIds.get((int) (n % serviceIds.size())) + (slash < 0 ? "" : rest.substring(slash));
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path + (query == null ? "" : "?" + query)))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 && "GET".equals(exchange.getRequestMethod())
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            if (path.startsWith("/cds-services")) {
                request.header("Authorization", "Bearer " + TestEcEhr.token(EhrRequests.audience(path)));
            } else if (exchange.getRequestHeaders().getFirst("Authorization") != null) {
                request.header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
