package org.ilsafety.interaction.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Not a test: a benchmark, skipped unless {@code -Dbench=true}. Closed loop, {@code bench.threads} clients
 * (default 4) for {@code bench.seconds} (default 20) per endpoint after a warm-up, in the same run: the
 * trivial {@code GET /api/v1/interaction-knowledge}, then the stateless check of a patient with 30 medicines
 * and 10 immunizations. Prints requests per second and p50/p99 latency, and the ratio of the two.
 * <pre>
 * mvn -B -o -q test -pl interaction-service -Dtest=InteractionCheckBenchmark -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class InteractionCheckBenchmark {
    static final int THREADS = Integer.getInteger("bench.threads", 4);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    static final String[] MEDICINES = { "Humira", "methotrexate", "warfarin", "simvastatin", "atorvastatin", "amlodipine", "ibuprofen",
            "prednisone", "ethinyl estradiol", "metformin", "lisinopril", "omeprazole", "levothyroxine", "folic acid", "hydroxychloroquine",
            "sulfasalazine", "alprazolam", "diltiazem", "theophylline", "phenytoin", "Celebrex", "Nexplanon", "vitamin D", "calcium carbonate",
            "paracetamol", "losartan", "furosemide", "pantoprazole", "sertraline", "Tyenne" };
    static final String[] CVX = { "03", "187", "140", "21", "33", "133", "43", "115", "206", "101" };

    static String checkBody() {
        String meds = Arrays.stream(MEDICINES).map(m -> "{\"name\":\"" + m + "\"}").collect(Collectors.joining(","));
        String imms = Arrays.stream(CVX).map(c -> "{\"cvx\":\"" + c + "\",\"date\":\"2026-11-01\"}").collect(Collectors.joining(","));
        return "{\"therapy\":{\"drug\":\"tocilizumab\",\"product\":\"ACTEMRA\",\"status\":\"ACTIVE\",\"startDate\":\"2026-01-10\"},"
                + "\"medications\":[" + meds + "],\"immunizations\":[" + imms + "],\"asOf\":\"2026-11-22\"}";
    }

    @Test
    void run() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("http://localhost:" + port);
        // a clinician's token on every request, as in production: verification is part of what is measured
        String bearer = TestTokens.bearer("benchmark", "clinician");
        HttpRequest trivial = HttpRequest.newBuilder(base.resolve("/api/v1/interaction-knowledge")).header("Authorization", bearer).GET().build();
        HttpRequest check = HttpRequest.newBuilder(base.resolve("/api/v1/interaction-checks")).header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(checkBody())).build();
        HttpResponse<String> sample = client.send(check, HttpResponse.BodyHandlers.ofString());
        if (sample.statusCode() != 200) {
            throw new IllegalStateException("check answered " + sample.statusCode() + ": " + sample.body());
        }
        measure(client, trivial, 5);
        measure(client, check, 5);
        Result t = measure(client, trivial, SECONDS);
        Result c = measure(client, check, SECONDS);
        System.out.printf("%nBENCH threads=%d seconds=%d cores=%d%n", THREADS, SECONDS, Runtime.getRuntime().availableProcessors());
        System.out.println("BENCH " + t.line("trivial GET /api/v1/interaction-knowledge"));
        System.out.println("BENCH " + c.line("check POST /api/v1/interaction-checks (30 medicines, 10 immunizations)"));
        System.out.printf("BENCH check throughput = %.0f %% of the trivial endpoint%n%n", 100.0 * c.perSecond() / t.perSecond());
    }

    Result measure(HttpClient client, HttpRequest request, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("status " + response.statusCode());
                    }
                    latencies[n++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> future : futures) {
            long[] part = future.get();
            long[] merged = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        pool.shutdown();
        Arrays.sort(all);
        return new Result(all.length / (double) seconds, percentile(all, 50), percentile(all, 99));
    }

    static double percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    record Result(double perSecond, double p50Millis, double p99Millis) {
        String line(String what) {
            return String.format("%-75s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms", what, perSecond, p50Millis, p99Millis);
        }
    }

}
