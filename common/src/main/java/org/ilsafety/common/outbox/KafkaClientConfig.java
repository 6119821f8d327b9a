package org.ilsafety.common.outbox;

import java.util.Properties;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Kafka client settings shared with the messaging channels: every {@code kafka.*} property (TLS, SASL,
 * bootstrap servers) applies to the relay's producer as well, so a hospital configures security once.
 */
final class KafkaClientConfig {
    private KafkaClientConfig() {
    }

    static Properties fromSuiteConfig() {
        Config config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.") && !name.startsWith("kafka.devservices")) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.put(name.substring("kafka.".length()), value));
            }
        }
        return properties;
    }
}
