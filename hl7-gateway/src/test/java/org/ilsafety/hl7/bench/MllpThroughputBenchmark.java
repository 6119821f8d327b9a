package org.ilsafety.hl7.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ilsafety.hl7.MllpClient;
import org.ilsafety.hl7.V2Fixtures;
import org.ilsafety.hl7.mllp.MllpServer;
import org.ilsafety.stack.KafkaClients;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Not a test: ORU^R01 messages per second through MLLP (frame, HAPI parse, FHIR mapping, broker acks=all,
 * dedup row and audit row in PostgreSQL, ACK), each connection waiting for its ACK as engines do; beside it,
 * in the same run, the same lab results sent as FHIR straight to patient-events by a producer with the same
 * settings. Run with -Dbench=true [-Dbench.messages=4000 -Dbench.connections=4 -Dbench.warmup=1000].
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class MllpThroughputBenchmark {
    static final int MESSAGES = Integer.getInteger("bench.messages", 4000);
    static final int CONNECTIONS = Integer.getInteger("bench.connections", 4);
    static final int WARMUP = Integer.getInteger("bench.warmup", 1000);

    @Inject
    MllpServer server;

    @Test
    void oruMessagesPerSecond() throws Exception {
        runMllp(WARMUP, "warm");
        long[] latencies = new long[MESSAGES];
        long started = System.nanoTime();
        runMllp(MESSAGES, "run", latencies);
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("%nHL7 v2 ORU^R01 over MLLP: %d messages (3 OBX each) on %d connections in %.1f s = %.0f messages/s "
                + "(%.0f Observations/s); ACK latency p50 %.1f ms, p99 %.1f ms%n", MESSAGES, CONNECTIONS, seconds, MESSAGES / seconds,
                3 * MESSAGES / seconds, latencies[MESSAGES / 2] / 1e6, latencies[(int) (MESSAGES * 0.99)] / 1e6);

        long[] fhirLatencies = new long[MESSAGES];
        started = System.nanoTime();
        runFhir(fhirLatencies);
        seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(fhirLatencies);
        System.out.printf("FHIR path, same run: %d x 3 Observations straight to patient-events on %d threads (acks=all, each waits) "
                + "in %.1f s = %.0f messages/s (%.0f Observations/s); p50 %.1f ms, p99 %.1f ms%n%n", MESSAGES, CONNECTIONS, seconds,
                MESSAGES / seconds, 3 * MESSAGES / seconds, fhirLatencies[MESSAGES / 2] / 1e6, fhirLatencies[(int) (MESSAGES * 0.99)] / 1e6);
    }

    private void runMllp(int count, String prefix) throws Exception {
        runMllp(count, prefix, new long[count]);
    }

    private void runMllp(int count, String prefix, long[] latencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            results.add(pool.submit((Callable<Integer>) () -> {
                int accepted = 0;
                try (MllpClient client = MllpClient.connect(server.port())) {
                    for (int i = connection; i < count; i += CONNECTIONS) {
                        String message = V2Fixtures.message("oru-r01-cbc.hl7", "BENCH-" + (i % 400),
                                prefix + "-" + System.nanoTime() + "-" + i);
                        long sent = System.nanoTime();
                        if ("AA".equals(client.send(message).code())) {
                            accepted++;
                        }
                        latencies[i] = System.nanoTime() - sent;
                    }
                }
                return accepted;
            }));
        }
        int accepted = 0;
        for (Future<Integer> result : results) {
            accepted += result.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        assertEquals(count, accepted, "every message acknowledged AA");
    }

    private void runFhir(long[] latencies) throws Exception {
        var config = KafkaClients.producer(SuiteTestInfrastructure.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                results.add(pool.submit(() -> {
                    for (int i = connection; i < MESSAGES; i += CONNECTIONS) {
                        String patient = "BENCH-FHIR-" + (i % 400);
                        long sent = System.nanoTime();
                        List<Future<?>> acks = new ArrayList<>();
                        for (String loinc : List.of("751-8", "777-3", "1742-6")) {
                            acks.add(producer.send(new ProducerRecord<>("patient-events", patient, FhirFixtures.labObservation(patient,
                                    "bench-" + loinc + "-" + i, 1, loinc, 800, "/uL", 7700.0, "2026-11-15T13:00:00Z"))));
                        }
                        for (Future<?> ack : acks) {
                            ack.get(30, TimeUnit.SECONDS);
                        }
                        latencies[i] = System.nanoTime() - sent;
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            producer.flush();
        }
    }
}
