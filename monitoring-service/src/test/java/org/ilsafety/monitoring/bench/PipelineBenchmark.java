package org.ilsafety.monitoring.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.stack.KafkaClients;
import org.ilsafety.stack.security.KafkaCredentials;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.sun.management.OperatingSystemMXBean;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Not a test: a benchmark of the whole pipeline (Kafka in, grading, PostgreSQL, outbox, alert out on
 * Kafka), run only with {@code -Dbench=true}. Prints, in one run: the raw broker produce and consume
 * rate; the sustained lab events per second when the input is sent as fast as possible; and p50/p99
 * event-to-alert latency at a fixed rate. Every lab event produces exactly one alert event (a low ANC
 * raises one, the next normal ANC resolves it). A warm-up of -Dbench.warmup events (not measured) comes
 * first, then -Dbench.idle seconds with nothing sent (the CPU a waiting service burns), and the fixed rate runs
 * -Dbench.rate-warmup seconds unmeasured before its -Dbench.seconds measured. Each phase's CPU is also shown by thread.
 * Sizes: -Dbench.events, -Dbench.rate, -Dbench.seconds, -Dbench.patients.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PipelineBenchmark {
    private static final String RAW_TOPIC = "bench-raw";
    private static final Instant BASE = Instant.parse("2026-11-02T00:00:00Z");

    @Inject
    EntityManager entityManager;

    private final AtomicInteger observedSeq = new AtomicInteger();

    @Test
    void run() throws Exception {
        int events = Integer.getInteger("bench.events", 20_000);
        int rate = Integer.getInteger("bench.rate", 500);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int patients = Integer.getInteger("bench.patients", 400);
        int warmup = Integer.getInteger("bench.warmup", 10_000);
        int idle = Integer.getInteger("bench.idle", 10);
        int rateWarmup = Integer.getInteger("bench.rate-warmup", 60);
        String bootstrap = SuiteTestInfrastructure.bootstrapServers();

        String sample = lab("bench-sample", 0, 800);
        double[] raw = rawBroker(bootstrap, events, sample);

        try (MonitoringBus bus = new MonitoringBus(); KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (int i = 0; i < patients; i++) {
                for (String group : List.of("t", "l", "w", "r")) {
                    String patient = "bench-" + group + "-" + i;
                    bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-b" + group + "-" + i, 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
                    // on therapy (issue 19 item 1): before the first dose the start thresholds would hold every alert open
                    bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-01T09:00:00Z"));
                }
            }
            awaitTherapies(4L * patients);

            // 0. warm-up (not measured): the JIT compiles the hot path, as in a service that has been running
            AlertListener warmUp = new AlertListener(bootstrap, "bench-w-");
            for (int k = 0; k < warmup; k++) {
                String patient = "bench-w-" + (k % patients);
                producer.send(new ProducerRecord<>(Topics.PATIENT_EVENTS, patient, lab(patient, k, (k / patients) % 2 == 0 ? 800 : 1500)));
            }
            producer.flush();
            warmUp.awaitCount(warmup, Duration.ofMinutes(10));
            warmUp.close();

            // idle (not a phase of the issue's table): what the service costs with nothing to do
            Thread.sleep(2_000); // the warm-up's last commits and relay batches
            CpuTime idleCpu = CpuTime.now();
            Map<String, Long> idleThreads = ThreadCpu.now();
            Thread.sleep(TimeUnit.SECONDS.toMillis(idle));
            CpuTime idleUsed = CpuTime.now().minus(idleCpu);
            Map<String, Long> idleByThread = ThreadCpu.since(idleThreads);

            // 1. sustained throughput: everything sent at once, until every alert came out
            AlertListener throughput = new AlertListener(bootstrap, "bench-t-");
            CpuTime cpu1 = CpuTime.now();
            long start = System.nanoTime();
            for (int k = 0; k < events; k++) {
                String patient = "bench-t-" + (k % patients);
                int round = k / patients;
                producer.send(new ProducerRecord<>(Topics.PATIENT_EVENTS, patient, lab(patient, k, round % 2 == 0 ? 800 : 1500)));
            }
            producer.flush();
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            double processedSeconds = awaitProcessed("Observation/bench-bench-t-%", events, start);
            throughput.awaitCount(events, Duration.ofMinutes(10));
            double seconds1 = (throughput.lastNanos.get() - start) / 1e9;
            CpuTime used1 = CpuTime.now().minus(cpu1);
            throughput.close();

            // 2. latency at a fixed rate, after as long at that rate unmeasured: when polls turn from large to small, the JIT
            // compiles their code paths again, for a minute or more on 2 busy cores (README, issue 16)
            if (rateWarmup > 0) {
                fixedRate(producer, bootstrap, "bench-r-", rate, rateWarmup, patients);
            }
            FixedRate measured = fixedRate(producer, bootstrap, "bench-l-", rate, seconds, patients);
            int total = rate * seconds;
            CpuTime used2 = measured.used();
            List<Long> millis = measured.sortedMicros();

            System.out.println();
            System.out.println("=== monitoring-service pipeline benchmark (2 cores; broker, PostgreSQL and service on this machine) ===");
            System.out.printf("raw broker        : produce %,.0f records/s, consume %,.0f records/s (%d records of %d bytes, acks=all)%n",
                    raw[0], raw[1], events, sample.length());
            System.out.printf("pipeline sustained: %,.0f lab events/s (%d events, %d patients; input sent in %.1f s, last alert out after %.1f s)%n",
                    events / seconds1, events, patients, sendSeconds, seconds1);
            System.out.printf("  of which inbound: %,.0f lab events/s committed to PostgreSQL (all committed after %.1f s)%n",
                    events / processedSeconds, processedSeconds);
            System.out.printf("  CPU per lab event: %.2f ms in this JVM (service and load generator), %.2f ms on the whole machine%n",
                    used1.jvmMillis() / events, used1.machineMillis() / events);
            System.out.printf("idle              : %.1f ms CPU per second in this JVM (%.1f %% of a core), %.1f ms per second on the whole machine (%d s, nothing sent)%n",
                    idleUsed.jvmMillis() / idle, idleUsed.jvmMillis() / idle / 10, idleUsed.machineMillis() / idle, idle);
            System.out.printf("  by thread (ms CPU per second): %s%n", ThreadCpu.top(idleByThread, idle, 8));
            System.out.printf("latency at %d/s    : p50 %.1f ms, p99 %.1f ms, max %.1f ms (offered %.0f events/s for %d s; %d raise events measured)%n",
                    rate, pct(millis, 50) / 1000.0, pct(millis, 99) / 1000.0, millis.get(millis.size() - 1) / 1000.0, measured.offered(), seconds, millis.size());
            System.out.printf("  CPU per lab event: %.2f ms in this JVM, %.2f ms on the whole machine; machine busy %.0f %% of %d cores%n",
                    used2.jvmMillis() / total, used2.machineMillis() / total, 100 * used2.machineBusy(), Runtime.getRuntime().availableProcessors());
            System.out.printf("  by thread (ms CPU per lab event): %s%n", ThreadCpu.top(measured.byThread(), total, 8));
            System.out.printf("  JVM CPU per lab event in each 10 s (after %d s at this rate unmeasured): %s%n", rateWarmup, measured.windows().stream().map(w -> String.format("%.2f", w)).toList());
            System.out.println();
        }
    }

    /** What a fixed-rate phase measured: event-to-alert latencies (sorted), the offered rate, the CPU used. */
    private record FixedRate(List<Long> sortedMicros, double offered, CpuTime used, Map<String, Long> byThread, List<Double> windows) {
    }

    /** Sends one lab event every 1/rate s for {@code seconds} to the patients with the prefix and waits for every alert. */
    private FixedRate fixedRate(KafkaProducer<String, String> producer, String bootstrap, String prefix, int rate, int seconds, int patients)
            throws Exception {
        AlertListener latency = new AlertListener(bootstrap, prefix);
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        CpuTime cpu = CpuTime.now();
        Map<String, Long> threads = ThreadCpu.now();
        List<Double> windows = new ArrayList<>(); // JVM CPU per event in each 10 s
        CpuTime window = cpu;
        long t0 = System.nanoTime();
        for (int k = 0; k < total; k++) {
            if (k > 0 && k % (10 * rate) == 0) {
                CpuTime now = CpuTime.now();
                windows.add(now.minus(window).jvmMillis() / (10.0 * rate));
                window = now;
            }
            long due = t0 + k * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait); // one wake-up per event: the generator's own CPU stays out of the figures
            }
            String patient = prefix + (k % patients);
            int round = k / patients;
            int seq = observedSeq.incrementAndGet();
            String json = lab(patient, seq, round % 2 == 0 ? 800 : 1500);
            latency.sentAt.put(BASE.plusSeconds(seq), System.nanoTime());
            producer.send(new ProducerRecord<>(Topics.PATIENT_EVENTS, patient, json));
        }
        producer.flush();
        double offered = total / ((System.nanoTime() - t0) / 1e9);
        latency.awaitCount(total, Duration.ofMinutes(5));
        CpuTime used = CpuTime.now().minus(cpu);
        Map<String, Long> byThread = ThreadCpu.since(threads);
        latency.close();
        List<Long> millis = new ArrayList<>(latency.latenciesMicros);
        Collections.sort(millis);
        return new FixedRate(millis, offered, used, byThread, windows);
    }

    /** CPU time used by this JVM and by the whole machine (all cores, from /proc/stat), and the wall time. */
    private record CpuTime(long jvmNanos, long machineTicks, long idleTicks, long wallNanos) {
        private static final double TICK_MILLIS = 10.0; // USER_HZ is 100 on Linux

        static CpuTime now() throws IOException {
            long jvm = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            long idle = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user nice system idle iowait irq softirq steal
                long ticks = Long.parseLong(cpu[i]);
                if (i == 4 || i == 5) {
                    idle += ticks;
                } else {
                    busy += ticks;
                }
            }
            return new CpuTime(jvm, busy, idle, System.nanoTime());
        }

        CpuTime minus(CpuTime earlier) {
            return new CpuTime(jvmNanos - earlier.jvmNanos, machineTicks - earlier.machineTicks, idleTicks - earlier.idleTicks, wallNanos - earlier.wallNanos);
        }

        double jvmMillis() {
            return jvmNanos / 1e6;
        }

        double machineMillis() {
            return machineTicks * TICK_MILLIS;
        }

        double machineBusy() {
            return (double) machineTicks / (machineTicks + idleTicks);
        }
    }

    /**
     * CPU time of this JVM's threads (the JIT compilers and GC included) from /proc/self/task, summed by name
     * without digits ("executor-thread-", "C2 CompilerThre"; Linux keeps 15 characters of a thread's name).
     */
    private static final class ThreadCpu {
        static Map<String, Long> now() throws IOException {
            Map<String, Long> ticks = new java.util.HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum); // utime, stime
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
            }
            return ticks;
        }

        static Map<String, Long> since(Map<String, Long> earlier) throws IOException {
            Map<String, Long> used = now();
            earlier.forEach((name, ticks) -> used.merge(name, -ticks, Long::sum));
            return used;
        }

        static String top(Map<String, Long> ticks, double per, int count) {
            return ticks.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
                    .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() * CpuTime.TICK_MILLIS / per)).toList().toString();
        }
    }

    private String lab(String patient, int seq, double value) {
        return FhirFixtures.labObservation(patient, "bench-" + patient + "-" + seq, 1, "751-8", value, "/uL", null,
                BASE.plusSeconds(seq).toString());
    }

    private void awaitTherapies(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            Number n = (Number) entityManager.createNativeQuery("SELECT count(*) FROM active_therapy WHERE patient_id LIKE 'bench-%'").getSingleResult();
            if (n.longValue() >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Orders were not recorded in time");
    }

    /** Seconds from {@code start} until {@code count} inbound events with the key prefix were committed. */
    private double awaitProcessed(String keyPattern, long count, long start) throws InterruptedException {
        while (true) {
            Number n = (Number) entityManager.createNativeQuery("SELECT count(*) FROM processed_event WHERE idempotency_key LIKE :k")
                    .setParameter("k", keyPattern).getSingleResult();
            if (n.longValue() >= count) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(50);
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties config = KafkaClients.security(bootstrap, KafkaCredentials.ADMIN);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties config = KafkaClients.security(bootstrap, KafkaCredentials.ADMIN);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }

    /** Produces then consumes {@code count} records of the lab payload's size on a topic of its own. */
    private static double[] rawBroker(String bootstrap, int count, String payload) throws Exception {
        try (AdminClient admin = AdminClient.create(KafkaClients.admin(bootstrap))) {
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        double produce;
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(RAW_TOPIC, "p-" + (i % 400), payload));
            }
            producer.flush();
            produce = count / ((System.nanoTime() - start) / 1e9);
        }
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = List.of(0, 1, 2, 3).stream().map(p -> new TopicPartition(RAW_TOPIC, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int read = 0;
            long start = System.nanoTime();
            while (read < count) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            return new double[] { produce, count / ((System.nanoTime() - start) / 1e9) };
        }
    }

    /** Reads ALERT events for patients with a prefix from the end of the monitoring topic. */
    private static final class AlertListener implements AutoCloseable {
        final Map<Instant, Long> sentAt = new ConcurrentHashMap<>();
        final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger count = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong lastNanos = new java.util.concurrent.atomic.AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        AlertListener(String bootstrap, String prefix) throws InterruptedException {
            KafkaConsumer<String, String> consumer = consumer(bootstrap);
            List<TopicPartition> partitions = List.of(0, 1, 2, 3).stream().map(p -> new TopicPartition(Topics.MONITORING_EVENTS, p)).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                            long now = System.nanoTime();
                            if (record.key() == null || !record.key().startsWith(prefix)
                                    || !MonitoringEvent.TYPE_ALERT.equals(TestKafka.header(record, CloudEventHeaders.TYPE))) {
                                continue;
                            }
                            MonitoringEvent event = MonitoringBus.JSON.readValue(record.value(), MonitoringEvent.class);
                            if (!"ANC".equals(event.analyte())) {
                                continue;
                            }
                            count.incrementAndGet();
                            lastNanos.set(now);
                            Long sent = "OPEN".equals(event.alertStatus()) ? sentAt.get(event.observedAt()) : null;
                            if (sent != null) {
                                latenciesMicros.add((now - sent) / 1000);
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-alerts");
            thread.start();
        }

        void awaitCount(int expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (count.get() < expected) {
                throw new IllegalStateException("Only " + count.get() + " of " + expected + " alerts came out");
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
