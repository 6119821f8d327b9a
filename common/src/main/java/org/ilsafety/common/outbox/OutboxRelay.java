package org.ilsafety.common.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ilsafety.common.config.SuiteConfig;
import org.ilsafety.common.events.CloudEventHeaders;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Relays committed outbox rows to Kafka in sequence order. Rows are locked with
 * {@code FOR UPDATE SKIP LOCKED}, sent with an idempotent {@code acks=all} producer, and deleted only
 * after the broker acknowledged them; a crash in between re-sends, and consumers de-duplicate on ce_id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final String bootstrapServers;
    private final String source;
    private final int batchSize;
    private final Duration pollInterval;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Counter relayed;
    private final RelayRate rate;
    private volatile boolean running;
    private Producer<String, String> producer;
    private Thread worker;

    public OutboxRelay(EntityManager entityManager, ObjectMapper objectMapper, MeterRegistry registry, RelayRate rate,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String source,
            SuiteConfig config) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.bootstrapServers = bootstrapServers;
        this.source = source;
        this.batchSize = config.outbox().batchSize();
        this.pollInterval = config.outbox().pollInterval();
        this.rate = rate;
        this.relayed = Counter.builder("suite.outbox.relayed").description("Outbox events acknowledged by Kafka").register(registry);
        registry.gauge("suite.outbox.pending", this, OutboxRelay::pendingCount);
    }

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(producerConfig());
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.release();
        try {
            if (worker != null) {
                worker.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        wakeUp.release();
    }

    private void loop() {
        long backoffMillis = 100;
        while (running) {
            try {
                int sent = relayBatch();
                backoffMillis = 100;
                if (sent < batchSize) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay failed (%s), retrying in %d ms", e.getClass().getSimpleName(), backoffMillis);
                sleepQuietly(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
    }

    /**
     * Sends one batch in one transaction; returns how many events Kafka acknowledged. Only the replica
     * holding the advisory lock of this schema (one per service) relays, so batches never interleave and each patient's
     * events leave in the order they were committed.
     */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean relayer = (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_event'))")
                    .getSingleResult();
            if (!relayer) {
                return 0;
            }
            @SuppressWarnings("unchecked")
            List<OutboxRecord> batch = entityManager.createNativeQuery(
                    "SELECT * FROM outbox_event ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED", OutboxRecord.class)
                    .setParameter("limit", batchSize)
                    .getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (OutboxRecord record : batch) {
                acks.add(producer.send(toProducerRecord(record)));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
            entityManager.createNativeQuery("DELETE FROM outbox_event WHERE seq IN (:seqs)")
                    .setParameter("seqs", batch.stream().map(r -> r.seq).toList())
                    .executeUpdate();
            relayed.increment(batch.size());
            rate.add(batch.size());
            return batch.size();
        });
    }

    private ProducerRecord<String, String> toProducerRecord(OutboxRecord record) throws java.io.IOException {
        ProducerRecord<String, String> out = new ProducerRecord<>(record.topic, record.recordKey, record.payload);
        header(out, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(out, CloudEventHeaders.ID, record.eventId.toString());
        header(out, CloudEventHeaders.SOURCE, source);
        header(out, CloudEventHeaders.TYPE, record.eventType);
        header(out, CloudEventHeaders.TIME, record.createdAt.toString());
        Map<String, String> extras = record.headers == null ? Map.of() : objectMapper.readValue(record.headers, HEADER_MAP);
        if (!extras.containsKey(CloudEventHeaders.CONTENT_TYPE)) {
            header(out, CloudEventHeaders.CONTENT_TYPE, "application/json");
        }
        for (Map.Entry<String, String> extra : extras.entrySet()) {
            header(out, extra.getKey(), extra.getValue());
        }
        return out;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Properties producerConfig() {
        Properties config = KafkaClientConfig.fromSuiteConfig();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, source + "-outbox-relay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }

    private double pendingCount() {
        if (!running) {
            return 0;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                    .createNativeQuery("SELECT count(*) FROM outbox_event").getSingleResult()).doubleValue());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
