package org.ilsafety.stack;

import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ilsafety.stack.security.KafkaCredentials;
import org.ilsafety.stack.security.KafkaPrincipal;

/**
 * Client settings the stack's own tools share: the demo loader, the tests and the fault suite. On a
 * broker the suite started, each client authenticates as the principal named (see {@link KafkaPrincipal});
 * on one it did not start, the settings carry no credentials.
 */
public final class KafkaClients {
    private KafkaClients() {
    }

    /** An idempotent producer of String records as the integration bus: it may write patient-events only. */
    public static Properties producer(String bootstrapServers) {
        return producer(bootstrapServers, KafkaPrincipal.INTEGRATION);
    }

    /** An idempotent producer of String records that waits for every in-sync replica, as the bus should. */
    public static Properties producer(String bootstrapServers, String principal) {
        Properties config = security(bootstrapServers, principal);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }

    /**
     * A consumer of String records as operations (it may read every topic), in a group of its own, reading
     * from the beginning, committing nothing.
     */
    public static Properties reader(String bootstrapServers) {
        Properties config = security(bootstrapServers, KafkaPrincipal.OPERATIONS);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaPrincipal.OPERATIONS + "-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }

    /** An admin client as the broker's super user (creates topics, reads offsets of every group). */
    public static Properties admin(String bootstrapServers) {
        Properties config = security(bootstrapServers, KafkaCredentials.ADMIN);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** The SASL settings of {@code principal} on the suite's broker at {@code bootstrapServers}; none on another broker. */
    public static Properties security(String bootstrapServers, String principal) {
        return KafkaCredentials.of(bootstrapServers).map(c -> c.clientSecurity(principal)).orElseGet(Properties::new);
    }
}
