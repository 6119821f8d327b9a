package org.ilsafety.common.outbox;

import java.util.Properties;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Kafka client settings shared with the messaging channels: every {@code kafka.*} property (TLS, SASL,
 * bootstrap servers) applies to the relay's producer as well, so a hospital configures security once.
 * As in Quarkus' own Kafka configuration, an environment variable counts too: {@code KAFKA_SASL_JAAS_CONFIG}
 * is {@code sasl.jaas.config} (the run command passes each service's credentials this way).
 */
final class KafkaClientConfig {
    private KafkaClientConfig() {
    }

    static Properties fromSuiteConfig() {
        Config config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        for (String name : config.getPropertyNames()) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if ((lower.startsWith("kafka.") || lower.startsWith("kafka_")) && !lower.startsWith("kafka.devservices")
                    && !lower.startsWith("kafka.ui")) {
                String kafkaName = lower.substring("kafka.".length()).replace('_', '.');
                config.getOptionalValue(name, String.class).ifPresent(value -> properties.put(kafkaName, value));
            }
        }
        return properties;
    }
}
