package org.ilsafety.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.stack.SuiteService;
import org.ilsafety.stack.security.LocalIdentityProvider;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The run command's suite, end to end: events go in through the real broker, each service keeps its
 * state in the real database, and the launcher leaves no process behind when it is stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static RunningSuite suite;
    static TestKafka kafka;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = new RunningSuite(data, true);
        System.out.printf("The run command brought the suite up in %.1f s%n", suite.startSeconds);
        kafka = new TestKafka(suite.bootstrapServers());
    }

    @AfterAll
    static void cleanUp() {
        if (kafka != null) {
            kafka.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void everyServiceIsUpAndExposesHealthMetricsAndOpenApi() {
        for (SuiteService service : SuiteService.ALL) {
            HttpResponse<String> health = suite.get(service.name(), "/q/health");
            assertEquals(200, health.statusCode(), service.name() + " health");
            assertTrue(health.body().contains("\"UP\""), service.name() + " reports UP");
            HttpResponse<String> metrics = suite.get(service.name(), "/q/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("suite_outbox_relayed"), service.name() + " exposes the outbox metrics");
            assertEquals(200, suite.get(service.name(), "/q/openapi").statusCode());
        }
    }

    @Test
    @Order(2)
    void aTocilizumabOrderBecomesTheTherapyInAllThreeServicesAndItsFirstDoseStartsItInMonitoring() {
        kafka.send(Topics.PATIENT_EVENTS, "e2e-order-1",
                FhirFixtures.medicationRequest("e2e-order-1", "mr-e2e-1", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));

        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode plan = json(suite.get("dosing-service", "/api/v1/patients/e2e-order-1/therapy-plan"));
            assertEquals("ACTIVE", plan.path("status").asText());
            assertEquals("ACTEMRA", plan.path("productId").asText());
        });
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode therapy = json(suite.get("interaction-service", "/api/v1/patients/e2e-order-1/therapy"));
            assertEquals("ACTIVE", therapy.path("status").asText());
            assertEquals("tocilizumab", therapy.path("moleculeId").asText());
        });
        // monitoring grades with the start thresholds until the first dose, then with the on-therapy rules
        assertMonitoringTherapy("e2e-order-1", "PLANNED");
        kafka.send(Topics.PATIENT_EVENTS, "e2e-order-1",
                FhirFixtures.medicationAdministration("e2e-order-1", "ma-e2e-1", "Actemra", 288, "2026-11-02T09:00:00Z"));
        assertMonitoringTherapy("e2e-order-1", "ACTIVE");
    }

    static void assertMonitoringTherapy(String patient, String status) {
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode therapy = json(suite.get("monitoring-service", "/api/v1/patients/" + patient + "/therapy"));
            assertEquals(status, therapy.path("status").asText());
            assertEquals("tocilizumab", therapy.path("moleculeId").asText());
        });
    }

    @Test
    @Order(3)
    void theDemoPatientsWereLoaded() {
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> plan = suite.get("dosing-service", "/api/v1/patients/demo-ra-iv/therapy-plan");
            assertEquals(200, plan.statusCode(), plan.body());
        });
    }

    @Test
    @Order(4)
    void aLowNeutrophilCountInterruptsThePlanAndItsRecoveryResumesItAtTheRestartDose() {
        String patient = "e2e-loop-1";
        kafka.send(Topics.PATIENT_EVENTS, patient,
                FhirFixtures.labObservation(patient, "w-loop-1", 1, "29463-7", 70, "kg", null, "2026-11-01T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, patient,
                FhirFixtures.medicationRequest(patient, "mr-loop-1", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode plan = json(suite.get("dosing-service", "/api/v1/patients/" + patient + "/therapy-plan"));
            assertEquals("ACTIVE", plan.path("status").asText());
            assertEquals(280.0, plan.path("currentDose").path("doseMg").asDouble(), 0.01, "4 mg/kg at 70 kg");
        });
        // on therapy from the first infusion: before it, the start thresholds apply (a low count blocks the start)
        kafka.send(Topics.PATIENT_EVENTS, patient,
                FhirFixtures.medicationAdministration(patient, "ma-loop-1", "Actemra", 280, "2026-11-02T09:00:00Z"));

        kafka.send(Topics.PATIENT_EVENTS, patient,
                FhirFixtures.labObservation(patient, "anc-loop-1", 1, "751-8", 800, "/uL", null, "2026-11-15T08:00:00Z"));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode plan = json(suite.get("dosing-service", "/api/v1/patients/" + patient + "/therapy-plan"));
            assertEquals("INTERRUPTED", plan.path("status").asText(), "ANC 500 to 1000 interrupts");
            JsonNode alerts = json(suite.get("monitoring-service", "/api/v1/patients/" + patient + "/alerts"));
            assertTrue(openAlertFor(alerts, "ANC"), "an open ANC alert: " + alerts);
        });

        kafka.send(Topics.PATIENT_EVENTS, patient,
                FhirFixtures.labObservation(patient, "anc-loop-2", 1, "751-8", 1500, "/uL", null, "2026-11-18T08:00:00Z"));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode plan = json(suite.get("dosing-service", "/api/v1/patients/" + patient + "/therapy-plan"));
            assertEquals("ACTIVE", plan.path("status").asText(), "ANC above 1000 resumes");
            assertEquals("REDUCED", plan.path("step").asText(), "restart at 4 mg/kg");
            JsonNode alerts = json(suite.get("monitoring-service", "/api/v1/patients/" + patient + "/alerts"));
            assertFalse(openAlertFor(alerts, "ANC"), "the ANC alert is resolved: " + alerts);
        });
    }

    @Test
    @Order(5)
    void aTnfBlockerBesideTocilizumabIsPublishedAsADetectedIssue() {
        String patient = "e2e-interaction-1";
        kafka.send(Topics.PATIENT_EVENTS, patient,
                FhirFixtures.medicationRequest(patient, "mr-int-1", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
        kafka.send(Topics.PATIENT_EVENTS, patient,
                FhirFixtures.medicationStatement(patient, "ms-int-humira", "Humira", "327361", "2026-11-02"));

        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> issues = kafka.await(Topics.INTERACTION_FINDINGS,
                r -> patient.equals(r.key()) && r.value().contains("DetectedIssue"), 1, PATIENCE);
        assertEquals(1, issues.size(), "a DetectedIssue for adalimumab with tocilizumab");
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode findings = json(suite.get("interaction-service", "/api/v1/patients/" + patient + "/interaction-findings"));
            assertTrue(findings.toString().contains("BIOLOGIC_DMARD"), findings.toString());
        });
    }

    @Test
    @Order(6)
    void everyRequestNeedsAVerifiedTokenWithTheRightRole() throws Exception {
        for (String role : LocalIdentityProvider.ROLES) {
            assertFalse(suite.demoToken(role).isBlank(), "the launcher wrote a demo token for " + role);
        }
        HttpResponse<String> anonymous = suite.send("monitoring-service", "GET", "/api/v1/alerts", null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(403, suite.send("monitoring-service", "GET", "/api/v1/patients/e2e-loop-1/alerts", null,
                suite.demoToken("dashboard")).statusCode(), "a dashboard sees no patient's alerts");
        HttpResponse<String> board = suite.send("monitoring-service", "GET", "/api/v1/alerts?size=500", null, suite.demoToken("dashboard"));
        assertEquals(200, board.statusCode(), board.body());
        assertTrue(board.body().contains("\"patientId\":\"p-"), "a dashboard sees pseudonyms");
        assertFalse(board.body().contains("e2e-loop-1"), "a dashboard never sees the patient id");
        String cds = suite.url("interaction-service") + "/cds-services";
        String ehrToken = LocalIdentityProvider.inDirectory(data.resolve("security")).ehrIssuer()
                .token("local-ehr", cds, List.of(), Duration.ofMinutes(5));
        assertEquals(200, suite.send("interaction-service", "GET", "/cds-services", null, ehrToken).statusCode(),
                "the local EHR's token opens CDS Hooks discovery");
        HttpResponse<String> audit = suite.send("monitoring-service", "GET", "/api/v1/audit-events?subject=demo-dashboard", null,
                suite.demoToken("pharmacist"));
        assertEquals(200, audit.statusCode(), audit.body());
        JsonNode entries = JSON.readTree(audit.body()).path("entries");
        assertEquals(2, entries.size(), "the dashboard's allowed and refused requests are audited: " + audit.body());
        assertEquals("HTTP 403", entries.get(1).path("outcome").asText());
    }

    @Test
    @Order(7)
    void canaryPatientDataNeverReachesALogOrADeadLetterReason() throws Exception {
        Canary canary = new Canary(suite, kafka, data.resolve("security"));
        canary.sendThroughEveryTopic();
        canary.callEveryEndpoint();
        // the canary's ANC 800 reaches monitoring, so every earlier event on its partition was processed too
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> assertTrue(openAlertFor(
                json(suite.get("monitoring-service", "/api/v1/patients/" + Canary.MRN + "/alerts")), "ANC")));
        List<String> reasons = canary.deadLetterReasons();
        assertTrue(reasons.size() >= 3, "the canary's poison events were dead-lettered: " + reasons);
        for (String reason : reasons) {
            canary.assertClean("dead-letter reason", reason);
        }
        try (var logs = Files.list(data.resolve("logs"))) {
            List<Path> files = logs.toList();
            assertEquals(SuiteService.STARTED.size() + 1, files.size(), "one log per service, the HL7 gateway and the console: " + files);
            for (Path log : files) {
                String text = Files.readString(log);
                assertTrue(text.contains("started in"), log + " is the service's log");
                canary.assertClean(log.getFileName().toString(), text);
            }
        }
        canary.assertClean("launcher output", Files.readString(suite.output));
    }

    @Test
    @Order(8)
    void hl7V2OverMllpHasTheSameEffectAsTheEquivalentFhir() throws Exception {
        String fhirPatient = "e2e-fhir-twin";
        kafka.send(Topics.PATIENT_EVENTS, fhirPatient, "{\"resourceType\":\"Patient\",\"id\":\"" + fhirPatient
                + "\",\"meta\":{\"versionId\":\"1\"},\"birthDate\":\"1975-01-20\",\"gender\":\"female\"}");
        kafka.send(Topics.PATIENT_EVENTS, fhirPatient,
                FhirFixtures.labObservation(fhirPatient, "w-twin", 1, "29463-7", 72, "kg", null, "2026-11-01T13:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, fhirPatient,
                FhirFixtures.medicationRequest(fhirPatient, "mr-twin", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
        kafka.send(Topics.PATIENT_EVENTS, fhirPatient,
                FhirFixtures.medicationAdministration(fhirPatient, "ma-twin", "Actemra", 288, "2026-11-02T15:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, fhirPatient,
                FhirFixtures.labObservation(fhirPatient, "anc-twin", 1, "751-8", 800, "/uL", null, "2026-11-15T13:00:00Z"));

        String v2Patient = "E2EV2-1";
        try (Hl7Sender hl7 = new Hl7Sender(suite.mllpPort)) {
            assertEquals("AA", hl7.send("MSH|^~\\&|EHR|GENHOSP|ILSAFETY|ILSAFETY|20261101080000||ADT^A31^ADT_A05|E2E-1|P|2.5.1\r"
                    + "EVN|A31|20261101080000\rPID|1||" + v2Patient + "^^^GENHOSP^MR||Twin^V2||19750120|F\rPV1|1|O\r"
                    + "OBX|1|NM|29463-7^Body weight^LN||72|kg^kilogram^UCUM|||||F|||20261101080000-0500"));
            assertEquals("AA", hl7.send("MSH|^~\\&|PHARMACY|GENHOSP|ILSAFETY|ILSAFETY|20261101090000||RDE^O11^RDE_O11|E2E-2|P|2.4\r"
                    + "PID|1||" + v2Patient + "^^^GENHOSP^MR||Twin^V2||19750120|F\r"
                    + "ORC|NW|ORD-E2E^EHR|||||||20261101\r"
                    + "RXE|^^^20261101^^R|612865^tocilizumab 20 MG/ML [Actemra]^RXNORM|4||mg/kg^^UCUM||||||||||||||||||||||M06.9^Rheumatoid arthritis^I10C\r"
                    + "RXR|IV^Intravenous^HL70162"));
            assertEquals("AA", hl7.send("MSH|^~\\&|PHARMACY|GENHOSP|ILSAFETY|ILSAFETY|20261102110500-0500||RAS^O17^RAS_O17|E2E-4|P|2.5.1\r"
                    + "PID|1||" + v2Patient + "^^^GENHOSP^MR||Twin^V2||19750120|F\r"
                    + "ORC|RE|ORD-E2E^EHR\r"
                    + "RXA|0|1|20261102090000-0500|20261102100000-0500|612865^tocilizumab 20 MG/ML [Actemra]^RXNORM|288|mg^milligram^UCUM|||||||||||||CP|A\r"
                    + "RXR|IV^Intravenous^HL70162"));
            assertEquals("AA", hl7.send("MSH|^~\\&|LAB|GENHOSP|ILSAFETY|ILSAFETY|20261115083000||ORU^R01^ORU_R01|E2E-3|P|2.3.1\r"
                    + "PID|1||" + v2Patient + "^^^GENHOSP^MR||Twin^V2||19750120|F\r"
                    + "OBR|1|PL-1|FL-1|57021-8^CBC^LN|||20261115080000-0500\r"
                    + "OBX|1|NM|751-8^Neutrophils^LN||800|/uL^^UCUM|1800-7700|L|||F|||20261115080000-0500\r"
                    + "ZLR|1|AUTOVERIFY"));
        }

        for (String patient : List.of(fhirPatient, v2Patient)) {
            Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode alerts = json(suite.get("monitoring-service", "/api/v1/patients/" + patient + "/alerts"));
                assertTrue(openAlertFor(alerts, "ANC"), patient + ": an open ANC alert: " + alerts);
                assertEquals("INTERRUPTED", json(suite.get("dosing-service", "/api/v1/patients/" + patient + "/therapy-plan"))
                        .path("status").asText(), patient);
            });
        }
        JsonNode fhirPlan = json(suite.get("dosing-service", "/api/v1/patients/" + fhirPatient + "/therapy-plan"));
        JsonNode v2Plan = json(suite.get("dosing-service", "/api/v1/patients/" + v2Patient + "/therapy-plan"));
        for (String field : List.of("status", "productId", "step", "indication", "route")) {
            assertEquals(fhirPlan.path(field), v2Plan.path(field), field);
        }
        assertEquals(fhirPlan.path("currentDose").path("doseMg"), v2Plan.path("currentDose").path("doseMg"), "the same dose");
        assertEquals(alertSummary(fhirPatient), alertSummary(v2Patient), "the same alerts");
        assertEquals(200, suite.get("hl7-gateway", "/q/health/ready").statusCode());
    }

    /** Each alert's type, analyte, status and severity, sorted. */
    static List<String> alertSummary(String patient) throws Exception {
        List<String> summary = new java.util.ArrayList<>();
        for (JsonNode alert : json(suite.get("monitoring-service", "/api/v1/patients/" + patient + "/alerts"))) {
            summary.add(alert.path("type").asText() + "/" + alert.path("analyte").asText() + "/" + alert.path("status").asText() + "/"
                    + alert.path("severity").asText());
        }
        return summary.stream().sorted().toList();
    }

    @Test
    @Order(99)
    void sigtermStopsEveryChildProcess() throws Exception {
        List<ProcessHandle> children = suite.launcher.descendants().toList();
        assertTrue(children.size() >= 4, "three services and a broker run under the launcher: " + children.size());
        suite.terminate();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "no child process is left"));
        // PostgreSQL daemonizes (pg_ctl), so it is no child: its pid file and its port must be gone.
        assertFalse(Files.exists(data.resolve("postgres/postmaster.pid")), "PostgreSQL stopped");
        assertFalse(listening(suite.postgresPort), "nothing listens on the PostgreSQL port");
        assertFalse(listening(suite.kafkaPort), "nothing listens on the Kafka port");
        assertTrue(Files.readString(suite.output).contains("Stopped."));
    }

    static boolean openAlertFor(JsonNode alerts, String analyte) {
        for (JsonNode alert : alerts) {
            if (analyte.equals(alert.path("analyte").asText()) && "OPEN".equals(alert.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
