package org.ilsafety.fault;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ilsafety.common.events.Topics;
import org.ilsafety.stack.KafkaClients;

/**
 * Sends a plan to patient-events as the integration bus would (idempotent producer, acks=all) and
 * counts what the broker acknowledged: only acknowledged events are owed an effect.
 */
final class EventSender {
    final Set<String> acknowledgedKeys = ConcurrentHashMap.newKeySet();
    final Set<String> acknowledgedPoison = ConcurrentHashMap.newKeySet();
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    private final String bootstrapServers;

    EventSender(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Sends every event; {@code progress} is told how many have been handed to the producer. */
    void send(List<PlannedEvent> events, IntConsumer progress) {
        Properties config = KafkaClients.producer(bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            int handed = 0;
            for (PlannedEvent event : events) {
                producer.send(new ProducerRecord<>(Topics.PATIENT_EVENTS, event.key(), event.value()), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        return;
                    }
                    acknowledged.incrementAndGet();
                    if (event.poison()) {
                        acknowledgedPoison.add(event.value());
                    } else {
                        acknowledgedKeys.add(event.idempotencyKey());
                    }
                });
                progress.accept(++handed);
            }
            producer.flush();
            producer.close(Duration.ofMinutes(5));
        }
    }
}
