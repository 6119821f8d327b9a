package org.ilsafety.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ilsafety.common.events.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureTest {
    @TempDir
    static Path data;
    static Infrastructure infrastructure;

    @BeforeAll
    static void start() {
        infrastructure = Infrastructure.startIsolated(data);
    }

    @AfterAll
    static void stop() {
        long pid = infrastructure.embeddedKafka().orElseThrow().process().pid();
        infrastructure.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the broker process must be gone");
    }

    @Test
    void everyTopicExistsWithSeveralPartitions() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertTrue(names.containsAll(Topics.all()), () -> "missing topics in " + names);
            TopicDescription inbound = admin.describeTopics(List.of(Topics.PATIENT_EVENTS)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.PATIENT_EVENTS);
            assertEquals(Infrastructure.PARTITIONS, inbound.partitions().size());
        }
    }

    @Test
    void brokerAcknowledgesAndDeliversARecord() throws Exception {
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(Topics.MONITORING_EVENTS, "patient-1", "{\"probe\":true}")).get(10, TimeUnit.SECONDS);
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "infrastructure-test");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(Topics.MONITORING_EVENTS));
            int received = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (received == 0 && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                received += records.count();
            }
            assertEquals(1, received);
        }
    }

    @Test
    void eachServiceOwnsItsSchemaAndCannotReadAnothers() throws Exception {
        ServiceDatabase dosing = ServiceDatabase.forService("dosing-service");
        ServiceDatabase monitoring = ServiceDatabase.forService("monitoring-service");
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl().orElseThrow(), dosing.user(), dosing.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE dosing.probe (id int)");
            try (ResultSet owner = statement.executeQuery(
                    "SELECT schema_owner FROM information_schema.schemata WHERE schema_name = 'dosing'")) {
                assertTrue(owner.next());
                assertEquals("dosing", owner.getString(1));
            }
        }
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl().orElseThrow(), monitoring.user(), monitoring.password());
                Statement statement = connection.createStatement()) {
            java.sql.SQLException denied = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> statement.executeQuery("SELECT * FROM dosing.probe"));
            assertEquals("42501", denied.getSQLState(), "permission denied expected");
        }
    }
}
