package org.ilsafety.dosing.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Not a test: a benchmark run only with {@code -Dbench}. It loads the running service (real PostgreSQL and
 * Kafka around it) with closed-loop HTTP clients and prints requests per second and p50/p99 latency of
 * {@code POST /api/v1/dose-calculations} next to the trivial {@code GET /api/v1/dosing-knowledge}, in one run.
 * Bounded: a fixed warm-up and measuring time per endpoint, loopback only.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class DoseCalculationBenchmark {
    static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 10));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    static final String[] BODIES = {
            "{\"product\":\"ACTEMRA\",\"indication\":\"RA\",\"route\":\"IV\",\"weight\":{\"value\":105,\"unit\":\"kg\"},\"ageYears\":55,\"step\":\"ESCALATED\"}",
            "{\"product\":\"TYENNE\",\"indication\":\"RA\",\"route\":\"SC\",\"weight\":{\"value\":220,\"unit\":\"lb\"},\"ageYears\":40}",
            "{\"product\":\"ACTEMRA\",\"indication\":\"SJIA\",\"route\":\"IV\",\"weight\":{\"value\":29.99,\"unit\":\"kg\"},\"ageYears\":7}",
            "{\"product\":\"KINERET\",\"indication\":\"CAPS_NOMID\",\"route\":\"SC\",\"weight\":{\"value\":20,\"unit\":\"kg\"},\"ageYears\":3,\"mgPerKg\":2}",
    };

    record Result(String name, long requests, double seconds, long p50Micros, long p99Micros, long errors) {
        double rps() {
            return requests / seconds;
        }

        String line() {
            return String.format(Locale.ROOT, "%-32s %10.0f req/s   p50 %7.3f ms   p99 %7.3f ms   errors %d", name, rps(), p50Micros / 1000.0,
                    p99Micros / 1000.0, errors);
        }
    }

    @Test
    void calculationThroughputNextToATrivialEndpoint() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        String base = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // a clinician's token on every request, as in production: verification is part of what is measured
        String bearer = TestTokens.bearer("benchmark", "clinician");
        HttpRequest trivial = HttpRequest.newBuilder(URI.create(base + "/api/v1/dosing-knowledge")).header("Authorization", bearer).GET().build();
        List<HttpRequest> calculations = new ArrayList<>();
        for (String body : BODIES) {
            calculations.add(HttpRequest.newBuilder(URI.create(base + "/api/v1/dose-calculations")).header("Authorization", bearer)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
        run(client, "warm-up trivial", List.of(trivial), WARMUP);
        run(client, "warm-up calculation", calculations, WARMUP);
        Result trivialResult = run(client, "GET /api/v1/dosing-knowledge", List.of(trivial), MEASURE);
        Result calculationResult = run(client, "POST /api/v1/dose-calculations", calculations, MEASURE);
        String report = String.join(System.lineSeparator(),
                "dosing-service benchmark: " + CLIENTS + " closed-loop clients, " + MEASURE.toSeconds() + " s each, "
                        + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"),
                trivialResult.line(), calculationResult.line(),
                String.format(Locale.ROOT, "calculation / trivial throughput: %.1f %%", 100.0 * calculationResult.rps() / trivialResult.rps()));
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark.txt"), report + System.lineSeparator());
    }

    static Result run(HttpClient client, String name, List<HttpRequest> requests, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        AtomicInteger errors = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int offset = c;
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                int i = offset;
                while (System.nanoTime() < end) {
                    HttpRequest request = requests.get(i++ % requests.size());
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet(); // a connection the server closed; counted, and the client goes on
                        continue;
                    }
                    long micros = (System.nanoTime() - t0) / 1000;
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = micros;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, merged.length, seconds, percentile(merged, 0.50), percentile(merged, 0.99), errors.get());
    }

    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
