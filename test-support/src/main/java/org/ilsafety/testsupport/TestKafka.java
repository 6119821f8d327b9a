package org.ilsafety.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.ilsafety.stack.KafkaClients;
import org.ilsafety.stack.security.KafkaCredentials;
import org.ilsafety.stack.security.KafkaPrincipal;

/**
 * A plain Kafka client for tests: send as the integration bus would, and read what the suite published.
 * On the suite's broker it authenticates like the real clients: a record goes out as the principal that
 * owns its topic ({@code patient-events}: integration; a service's topic: that service; anything else: the
 * broker's admin), and reads are done as operations.
 */
public final class TestKafka implements AutoCloseable {
    private final String bootstrapServers;
    private final Map<String, KafkaProducer<String, String>> producers = new ConcurrentHashMap<>();

    public TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** Sends a record with headers (a service's CloudEvents headers, say) and waits for the acknowledgement. */
    public void send(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        send(record);
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producerFor(record.topic()).send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Send to " + record.topic() + " failed", e);
        }
    }

    /** The settings of a producer that may write {@code topic} on this broker, for tests that build their own. */
    public static Properties producerConfig(String bootstrapServers, String topic) {
        return KafkaClients.producer(bootstrapServers, writerOf(topic));
    }

    private static String writerOf(String topic) {
        return KafkaPrincipal.ownerOf(topic).map(KafkaPrincipal::name).orElse(KafkaCredentials.ADMIN);
    }

    private KafkaProducer<String, String> producerFor(String topic) {
        return producers.computeIfAbsent(writerOf(topic), principal -> new KafkaProducer<>(KafkaClients.producer(bootstrapServers, principal)));
    }

    /**
     * Reads {@code topic} from the beginning until {@code count} records match, or the timeout passes;
     * returns the matches found.
     */
    public List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match, int count,
            Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (match.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    /** Everything on the topic that matches, read until the topic has been quiet for {@code quiet}. */
    public List<ConsumerRecord<String, String>> drain(String topic, Predicate<ConsumerRecord<String, String>> match, Duration quiet) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long lastSeen = System.nanoTime();
            while (System.nanoTime() - lastSeen < quiet.toNanos()) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    lastSeen = System.nanoTime();
                }
                records.forEach(record -> {
                    if (match.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(KafkaClients.reader(bootstrapServers));
    }

    @Override
    public void close() {
        producers.values().forEach(producer -> producer.close(Duration.ofSeconds(5)));
    }
}
