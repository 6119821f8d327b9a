package org.ilsafety.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
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
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ilsafety.common.events.Topics;
import org.ilsafety.stack.security.KafkaPrincipal;
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
        long pid = infrastructure.embeddedKafka().orElseThrow().process(1).pid();
        infrastructure.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the broker process must be gone");
    }

    @Test
    void everyTopicExistsWithSeveralPartitions() throws Exception {
        try (Admin admin = Admin.create(KafkaClients.admin(infrastructure.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertTrue(names.containsAll(Topics.all()), () -> "missing topics in " + names);
            TopicDescription inbound = admin.describeTopics(List.of(Topics.PATIENT_EVENTS)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.PATIENT_EVENTS);
            assertEquals(Infrastructure.PARTITIONS, inbound.partitions().size());
        }
    }

    @Test
    void brokerAcknowledgesAndDeliversARecordOfTheTopicsOwner() throws Exception {
        send("monitoring-service", Topics.MONITORING_EVENTS);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaClients.reader(infrastructure.bootstrapServers()))) {
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
    void aForgedEventFromTheIntegrationPrincipalIsRefusedByTheBroker() throws Exception {
        send(KafkaPrincipal.INTEGRATION, Topics.PATIENT_EVENTS);
        for (String foreign : List.of(Topics.MONITORING_EVENTS, Topics.THERAPY_PLAN_EVENTS, Topics.INTERACTION_FINDINGS,
                Topics.deadLetter(Topics.PATIENT_EVENTS))) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> send(KafkaPrincipal.INTEGRATION, foreign));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), foreign);
        }
        ExecutionException gateway = assertThrows(ExecutionException.class, () -> send(KafkaPrincipal.HL7_GATEWAY, Topics.MONITORING_EVENTS));
        assertInstanceOf(TopicAuthorizationException.class, gateway.getCause());
    }

    @Test
    void aServiceWritesOnlyItsOwnTopicAndTheDeadLetterTopics() throws Exception {
        send("dosing-service", Topics.THERAPY_PLAN_EVENTS);
        send("dosing-service", Topics.deadLetter(Topics.MONITORING_EVENTS));
        ExecutionException forged = assertThrows(ExecutionException.class, () -> send("dosing-service", Topics.MONITORING_EVENTS));
        assertInstanceOf(TopicAuthorizationException.class, forged.getCause());
        ExecutionException inbound = assertThrows(ExecutionException.class, () -> send("monitoring-service", Topics.PATIENT_EVENTS));
        assertInstanceOf(TopicAuthorizationException.class, inbound.getCause());
    }

    @Test
    void theConsoleReadsOnlyWhatItShowsInItsOwnGroups() throws Exception {
        send("interaction-service", Topics.INTERACTION_FINDINGS);
        assertTrue(readAs(KafkaPrincipal.CONSOLE, "console-test", Topics.INTERACTION_FINDINGS) > 0);
        assertThrows(GroupAuthorizationException.class, () -> readAs(KafkaPrincipal.CONSOLE, "dosing-service", Topics.MONITORING_EVENTS));
        assertThrows(TopicAuthorizationException.class, () -> readAs(KafkaPrincipal.CONSOLE, "console-test", Topics.PATIENT_EVENTS));
        assertThrows(AuthorizationException.class, () -> readAs(KafkaPrincipal.INTEGRATION, "integration", Topics.PATIENT_EVENTS));
    }

    @Test
    void noClientGetsInWithoutTheRightPassword() {
        Properties anonymous = new Properties();
        anonymous.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
        anonymous.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        anonymous.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThrows(ExecutionException.class, () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
        }
        Properties wrong = KafkaClients.admin(infrastructure.bootstrapServers());
        wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"operations\" password=\"guess\";");
        wrong.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        wrong.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        try (Admin admin = Admin.create(wrong)) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    @Test
    void theRunCommandsClientFilesWorkAndOnlyTheirOwnerCanReadThem() throws Exception {
        Path security = data.resolve("security");
        for (String file : List.of("kafka-integration.properties", "kafka-operations.properties", "kafka-passwords.properties")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(security.resolve(file))), file);
        }
        Properties integration = new Properties();
        try (var reader = Files.newBufferedReader(security.resolve("kafka-integration.properties"))) {
            integration.load(reader);
        }
        assertEquals(KafkaClients.security(infrastructure.bootstrapServers(), KafkaPrincipal.INTEGRATION).get("sasl.jaas.config"),
                integration.get("sasl.jaas.config"));
        integration.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        integration.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(integration)) {
            producer.send(new ProducerRecord<>(Topics.PATIENT_EVENTS, "patient-file", "{}")).get(10, TimeUnit.SECONDS);
        }
        Properties operations = new Properties();
        try (var reader = Files.newBufferedReader(security.resolve("kafka-operations.properties"))) {
            operations.load(reader);
        }
        operations.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        operations.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        operations.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(operations)) {
            consumer.subscribe(List.of(Topics.PATIENT_EVENTS));
            boolean seen = false;
            long deadline = System.currentTimeMillis() + 20_000;
            while (!seen && System.currentTimeMillis() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    seen |= "patient-file".equals(record.key());
                }
            }
            assertTrue(seen, "operations reads patient-events with the run command's file");
        }
    }

    private static void send(String principal, String topic) throws ExecutionException {
        Properties config = KafkaClients.producer(infrastructure.bootstrapServers(), principal);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "patient-1", "{\"probe\":true}")).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code topic} as {@code principal} in {@code group} until a record arrives; returns how many did. */
    private static int readAs(String principal, String group, String topic) {
        Properties config = KafkaClients.reader(infrastructure.bootstrapServers());
        config.putAll(KafkaClients.security(infrastructure.bootstrapServers(), principal));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            int received = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (received == 0 && System.currentTimeMillis() < deadline) {
                received += consumer.poll(Duration.ofMillis(500)).count();
            }
            return received;
        }
    }

    @Test
    void eachServiceHasItsSchemaOwnedByItsOwnerRoleAndCannotReadAnothers() throws Exception {
        ServiceDatabase dosing = ServiceDatabase.forService("dosing-service");
        ServiceDatabase monitoring = ServiceDatabase.forService("monitoring-service");
        EmbeddedDatabase database = infrastructure.embeddedDatabase().orElseThrow();
        String url = infrastructure.jdbcUrl().orElseThrow();
        try (Connection connection = DriverManager.getConnection(url, dosing.owner(), database.password(dosing.owner()));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE dosing.probe (id int)");
            try (ResultSet owner = statement.executeQuery(
                    "SELECT schema_owner FROM information_schema.schemata WHERE schema_name = 'dosing'")) {
                assertTrue(owner.next());
                assertEquals("dosing_owner", owner.getString(1));
            }
        }
        try (Connection connection = DriverManager.getConnection(url, dosing.user(), database.password(dosing.user()));
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO dosing.probe VALUES (1)");
            java.sql.SQLException ddl = assertThrows(java.sql.SQLException.class, () -> statement.execute("DROP TABLE dosing.probe"));
            assertEquals("42501", ddl.getSQLState(), "the service role changes rows, never tables");
        }
        try (Connection connection = DriverManager.getConnection(url, monitoring.user(), database.password(monitoring.user()));
                Statement statement = connection.createStatement()) {
            java.sql.SQLException denied = assertThrows(java.sql.SQLException.class, () -> statement.executeQuery("SELECT * FROM dosing.probe"));
            assertEquals("42501", denied.getSQLState(), "permission denied expected");
        }
    }

    @Test
    void everyDatabaseConnectionNeedsTheGeneratedPassword() throws Exception {
        String url = infrastructure.jdbcUrl().orElseThrow();
        for (String user : List.of(EmbeddedDatabase.SUPERUSER, "dosing", "dosing_owner")) {
            java.sql.SQLException none = assertThrows(java.sql.SQLException.class, () -> DriverManager.getConnection(url, user, ""), user);
            assertEquals("08004", none.getSQLState(), () -> user + ": " + none.getMessage());
            java.sql.SQLException wrong = assertThrows(java.sql.SQLException.class, () -> DriverManager.getConnection(url, user, "guess"), user);
            assertEquals("28P01", wrong.getSQLState(), () -> user + ": " + wrong.getMessage());
        }
        String hba = Files.readString(data.resolve("postgres").resolve("pg_hba.conf"));
        assertFalse(hba.lines().filter(line -> !line.startsWith("#")).anyMatch(line -> line.contains("trust")), hba);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve("security").resolve(EmbeddedDatabase.PASSWORDS_FILE))));
        try (Connection connection = DriverManager.getConnection(url, EmbeddedDatabase.SUPERUSER,
                infrastructure.embeddedDatabase().orElseThrow().password(EmbeddedDatabase.SUPERUSER));
                Statement statement = connection.createStatement(); ResultSet method = statement.executeQuery(
                        "SELECT DISTINCT auth_method FROM pg_hba_file_rules")) {
            List<String> methods = new java.util.ArrayList<>();
            while (method.next()) {
                methods.add(method.getString(1));
            }
            assertEquals(List.of("scram-sha-256"), methods);
        }
    }

    @Test
    void theServicesShareAGeneratedPseudonymKeyKeptOwnerOnly() throws Exception {
        String key = infrastructure.quarkusConfigFor("dosing-service").get("suite.pseudonym.key");
        assertTrue(key.length() >= 32, key);
        assertFalse(key.contains("change-me"));
        assertEquals(key, infrastructure.quarkusConfigFor("monitoring-service").get("suite.pseudonym.key"));
        assertEquals(key, infrastructure.pseudonymKey(), "the same key on every start");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve("security").resolve(Infrastructure.SUITE_SECRETS_FILE))));
    }
}
