package org.ilsafety.common.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The lag of this service's consumer group per topic and partition (end offset minus committed offset),
 * read with an admin client that uses the same {@code kafka.*} settings (TLS, SASL) as the consumers.
 */
@ApplicationScoped
public class ConsumerLag {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String group;
    private Admin admin;

    public ConsumerLag(@ConfigProperty(name = "quarkus.application.name") String group) {
        this.group = group;
    }

    public record PartitionLag(String group, String topic, int partition, long committed, long end, long lag) {
    }

    /** The group's lag now; fails with the admin client's exception when the broker does not answer in time. */
    public synchronized List<PartitionLag> now() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin().listOffsets(latest).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<PartitionLag> lags = new ArrayList<>();
        committed.forEach((partition, offset) -> {
            long position = offset == null ? 0 : offset.offset();
            long end = ends.get(partition).offset();
            lags.add(new PartitionLag(group, partition.topic(), partition.partition(), position, end, Math.max(0, end - position)));
        });
        lags.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return lags;
    }

    private Admin admin() {
        if (admin == null) {
            Properties config = KafkaClientConfig.fromSuiteConfig();
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, group + "-operations");
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
