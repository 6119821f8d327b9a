package org.ilsafety.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.ilsafety.common.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --brokers 3}: a real three-node KRaft cluster, with the suite's credentials and ACLs, whose topics have three
 * replicas and {@code min.insync.replicas=2}, so acknowledged records survive a {@code kill -9} of a partition leader.
 */
class KafkaClusterTest {
    @TempDir
    Path data;

    @Test
    void recordsAcknowledgedBeforeAndAfterTheLeadersKillMinus9AreAllThere() throws Exception {
        try (Infrastructure infrastructure = Infrastructure.start(data, false, FreePorts.next(), FreePorts.next(), FreePorts.next(), 3,
                Optional.empty(), false)) {
            KafkaCluster cluster = infrastructure.embeddedKafka().orElseThrow();
            assertEquals(3, cluster.bootstrapServers().split(",").length);
            try (Admin admin = Admin.create(KafkaClients.admin(infrastructure.bootstrapServers()))) {
                TopicDescription inbound = admin.describeTopics(List.of(Topics.PATIENT_EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(Topics.PATIENT_EVENTS);
                inbound.partitions().forEach(p -> assertEquals(3, p.replicas().size(), "replicas of partition " + p.partition()));
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PATIENT_EVENTS);
                Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                assertEquals("2", configs.get(topic).get("min.insync.replicas").value());
            }
            Set<String> acknowledged = new HashSet<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(infrastructure.bootstrapServers()))) {
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>(Topics.PATIENT_EVENTS, "patient-" + i % 8, "before-" + i)).get(60, TimeUnit.SECONDS);
                    acknowledged.add("before-" + i);
                }
                int leader = cluster.leaderOf(Topics.PATIENT_EVENTS, 0);
                cluster.process(leader).kill();
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>(Topics.PATIENT_EVENTS, "patient-" + i % 8, "after-" + i)).get(60, TimeUnit.SECONDS);
                    acknowledged.add("after-" + i);
                }
            }
            Set<String> read = new HashSet<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaClients.reader(infrastructure.bootstrapServers()))) {
                consumer.subscribe(List.of(Topics.PATIENT_EVENTS));
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (read.size() < acknowledged.size() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        read.add(record.value());
                    }
                }
            }
            assertEquals(acknowledged, read, "every record acknowledged with acks=all is readable with one of three brokers dead");
        }
    }
}
