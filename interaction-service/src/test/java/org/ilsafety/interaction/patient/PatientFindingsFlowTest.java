package org.ilsafety.interaction.patient;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.events.PlanStatus;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.common.inbox.DeadLetterHeaders;
import org.ilsafety.interaction.check.Today;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/** The patient re-check from patient-events and therapy plan events to DetectedIssue findings on interaction-findings. */
@QuarkusTest
class PatientFindingsFlowTest {
    static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    Fhir fhir;
    @Inject
    ObjectMapper objectMapper;
    @Inject
    ExposureWindowJob sweep;

    static String today(int plusDays) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(plusDays).toString();
    }

    List<ConsumerRecord<String, String>> findings(TestKafka kafka, String patientId, String type, String keyPart, int count) {
        return kafka.await(Topics.INTERACTION_FINDINGS, r -> patientId.equals(r.key()) && type.equals(TestKafka.header(r, CloudEventHeaders.TYPE))
                && (keyPart == null || r.value().contains(keyPart)), count, WAIT);
    }

    static void awaitOpen(String patientId, String... categories) {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/interaction-findings", patientId).then()
                .statusCode(200).body("findings.category", categories.length == 0 ? empty() : containsInAnyOrder(categories)));
    }

    @Test
    void findingsOpenOnceStayQuietWhileTrueAndCloseWhenTheyEnd() throws Exception {
        String p = "flow-" + System.nanoTime();
        String bootstrap = SuiteTestInfrastructure.bootstrapServers();
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            kafka.send(Topics.PATIENT_EVENTS, p, FhirFixtures.medicationRequest(p, "mr-1", 1, "Actemra", "IV", "RA", "active", today(-60) + "T09:00:00Z"));
            kafka.send(Topics.PATIENT_EVENTS, p, PatientFixtures.medicationStatement(p, "ms-humira", 1, "Humira 40 mg pen", null, "active"));
            kafka.send(Topics.PATIENT_EVENTS, p, PatientFixtures.medicationStatement(p, "ms-mtx", 1, "methotrexate", "6851", "active"));
            kafka.send(Topics.PATIENT_EVENTS, p, PatientFixtures.immunization(p, "imm-mmr", 1, "03", today(-3), "completed"));
            kafka.send(Topics.PATIENT_EVENTS, p, PatientFixtures.immunization(p, "imm-shingrix", 1, "187", today(-3), "completed"));
            awaitOpen(p, "BIOLOGIC_DMARD", "LIVE_VACCINE");

            List<ConsumerRecord<String, String>> opened = findings(kafka, p, PatientChecks.TYPE_OPENED, null, 2);
            assertThat(opened).hasSize(2);
            // FHIR's JSON media type, as deploy/asyncapi.yaml declares for interaction-findings
            assertThat(opened).allSatisfy(r -> assertThat(TestKafka.header(r, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/fhir+json"));
            assertThat(opened).allSatisfy(r -> assertThat(r.headers().headers(CloudEventHeaders.CONTENT_TYPE)).hasSize(1));
            DetectedIssue humira = (DetectedIssue) fhir.parse(opened.stream().filter(r -> r.value().contains("ms-humira")).findFirst().orElseThrow().value());
            assertThat(humira.getStatus()).isEqualTo(DetectedIssue.DetectedIssueStatus.FINAL);
            assertThat(humira.getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.HIGH);
            assertThat(humira.getPatient().getReference()).isEqualTo("Patient/" + p);
            assertThat(humira.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue()).contains(
                    DetectedIssueWriter.FINDING_SYSTEM + "|tocilizumab.biologic-dmard|MedicationStatement/ms-humira|adalimumab",
                    DetectedIssueWriter.RULE_SYSTEM + "|tocilizumab.biologic-dmard");
            assertThat(humira.getImplicated()).extracting(r -> r.getReference()).contains("MedicationStatement/ms-humira");
            assertThat(humira.getMitigationFirstRep().getAction().getText()).contains("Avoid the combination");
            assertThat(humira.getExtensionByUrl(DetectedIssueWriter.EXTENSION_BASE + "knowledge-version").getValue().primitiveValue()).startsWith("2026.11.2+");
            assertThat(humira.getCode().getCoding()).extracting(c -> c.getCode()).contains("DRG", "BIOLOGIC_DMARD");

            // A new version of the same medicine, still active: the finding holds and is not published again.
            kafka.send(Topics.PATIENT_EVENTS, p, PatientFixtures.medicationStatement(p, "ms-humira", 2, "Humira 40 mg pen", null, "active"));
            kafka.send(Topics.PATIENT_EVENTS, p, PatientFixtures.medicationStatement(p, "ms-warfarin", 1, "warfarin 5 mg", "11289", "active"));
            awaitOpen(p, "BIOLOGIC_DMARD", "LIVE_VACCINE", "CYP450_SUBSTRATE");
            assertThat(kafka.drain(Topics.INTERACTION_FINDINGS, r -> p.equals(r.key()) && r.value().contains("ms-humira"), Duration.ofSeconds(2)))
                    .hasSize(1);

            // Humira stopped: the finding is closed and published as closed.
            kafka.send(Topics.PATIENT_EVENTS, p, PatientFixtures.medicationStatement(p, "ms-humira", 3, "Humira 40 mg pen", null, "stopped"));
            assertThat(findings(kafka, p, PatientChecks.TYPE_CLOSED, "ms-humira", 1)).singleElement()
                    .satisfies(r -> assertThat(((DetectedIssue) fhir.parse(r.value())).getStatus()).isEqualTo(DetectedIssue.DetectedIssueStatus.CANCELLED));
            awaitOpen(p, "LIVE_VACCINE", "CYP450_SUBSTRATE");
            given().get("/api/v1/patients/{id}/interaction-findings?status=all", p).then().statusCode(200)
                    .body("findings.find { it.ruleId == 'tocilizumab.biologic-dmard' }.status", equalTo("CLOSED"));

            // Tyenne ordered while on Actemra: a duplicate, and Actemra stays the therapy.
            kafka.send(Topics.PATIENT_EVENTS, p, FhirFixtures.medicationRequest(p, "mr-tyenne", 1, "Tyenne", "SC", "RA", "active", today(0) + "T09:00:00Z"));
            awaitOpen(p, "LIVE_VACCINE", "CYP450_SUBSTRATE", "DUPLICATE_THERAPY");
            given().get("/api/v1/patients/{id}/therapy", p).then().body("productId", equalTo("ACTEMRA"));
            DetectedIssue duplicate = (DetectedIssue) fhir.parse(findings(kafka, p, PatientChecks.TYPE_OPENED, "mr-tyenne", 1).get(0).value());
            assertThat(duplicate.getCode().getCoding()).extracting(c -> c.getCode()).contains("DUPTHPY");

            // Actemra's order stops while Tyenne's goes on: Tyenne becomes the therapy, the duplicate closes.
            kafka.send(Topics.PATIENT_EVENTS, p, FhirFixtures.medicationRequest(p, "mr-1", 2, "Actemra", "IV", "RA", "stopped", today(-60) + "T09:00:00Z"));
            awaitOpen(p, "LIVE_VACCINE", "CYP450_SUBSTRATE");
            given().get("/api/v1/patients/{id}/therapy", p).then().body("productId", equalTo("TYENNE")).body("status", equalTo("ACTIVE"));
            assertThat(findings(kafka, p, PatientChecks.TYPE_CLOSED, "mr-tyenne", 1)).hasSize(1);

            // dosing-service discontinues the plan; the last dose was 200 days ago, so every window has passed.
            Instant lastDose = Instant.now().minus(200, ChronoUnit.DAYS);
            TherapyPlanEvent stop = new TherapyPlanEvent(p, TherapyPlanEvent.Change.DISCONTINUED, "tocilizumab", "TYENNE", "RA", "SC",
                    PlanStatus.DISCONTINUED, null, null, lastDose.minus(300, ChronoUnit.DAYS), lastDose, null, "test", new Provenance("plan.test", null, "test"));
            PatientFixtures.sendPlanEvent(bootstrap, stop, objectMapper.writeValueAsString(stop));
            awaitOpen(p);
            assertThat(findings(kafka, p, PatientChecks.TYPE_CLOSED, null, 4)).hasSize(4);
            assertThat(kafka.drain(Topics.INTERACTION_FINDINGS, r -> p.equals(r.key()), Duration.ofSeconds(2))).hasSize(8);
        }
    }

    @Test
    void aFindingWhoseWindowEndsIsClosedByTheSweepTheDayAfter() throws Exception {
        String p = "sweep-" + System.nanoTime();
        String bootstrap = SuiteTestInfrastructure.bootstrapServers();
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            kafka.send(Topics.PATIENT_EVENTS, p, FhirFixtures.medicationRequest(p, "mr-k", 1, "Kineret", "SC", "RA", "active", today(-30) + "T09:00:00Z"));
            kafka.send(Topics.PATIENT_EVENTS, p, PatientFixtures.medicationStatement(p, "ms-enbrel", 1, "Enbrel", null, "active"));
            awaitOpen(p, "BIOLOGIC_DMARD");
            Instant lastDose = Instant.now();
            TherapyPlanEvent stop = new TherapyPlanEvent(p, TherapyPlanEvent.Change.DISCONTINUED, "anakinra", "KINERET", "RA", "SC",
                    PlanStatus.DISCONTINUED, null, null, null, lastDose, null, "test", new Provenance("plan.test", null, "test"));
            PatientFixtures.sendPlanEvent(bootstrap, stop, objectMapper.writeValueAsString(stop));
            LocalDate lastDay = LocalDate.ofInstant(lastDose, ZoneOffset.UTC).plusDays(2);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/interaction-findings", p).then()
                    .body("findings[0].validUntil", equalTo(lastDay.toString())));

            QuarkusMock.installMockForType(new FixedToday(lastDay), Today.class);
            assertThat(sweep.sweep()).isZero();
            awaitOpen(p, "BIOLOGIC_DMARD");

            QuarkusMock.installMockForType(new FixedToday(lastDay.plusDays(1)), Today.class);
            assertThat(sweep.sweep()).isEqualTo(1);
            awaitOpen(p);
            // On the stop the MAJOR combination finding is replaced by the lower "recent anakinra" one (issue 19 item 9),
            // which the sweep closes the day after the window.
            List<String> reasons = findings(kafka, p, PatientChecks.TYPE_CLOSED, null, 2).stream()
                    .map(r -> ((DetectedIssue) fhir.parse(r.value())).getExtensionByUrl(DetectedIssueWriter.EXTENSION_BASE + "close-reason")
                            .getValue().primitiveValue()).toList();
            assertThat(reasons).hasSize(2);
            assertThat(reasons.get(0)).contains("no longer applies");
            assertThat(reasons.get(1)).contains("exposure window ended");
        }
    }

    @Test
    void anImmunizationWithoutADateIsDeadLettered() {
        String p = "dlq-" + System.nanoTime();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, p, PatientFixtures.immunization(p, "imm-x", 1, "03", null, "completed"));
            List<ConsumerRecord<String, String>> dead = kafka.await(Topics.deadLetter(Topics.PATIENT_EVENTS), r -> p.equals(r.key()), 1, WAIT);
            assertThat(dead).singleElement().satisfies(r -> assertThat(TestKafka.header(r, DeadLetterHeaders.REASON_CODE))
                    .isEqualTo("IMMUNIZATION_WITHOUT_DATE"));
        }
        given().get("/api/v1/patients/{id}/interaction-findings", p).then().statusCode(200).body("findings", empty());
    }

    @Test
    void theFindingsOfAPatientWithoutTherapyAreEmptyAndTheStatusFilterIsValidated() {
        given().get("/api/v1/patients/nobody/interaction-findings").then().statusCode(200).body("findings", empty());
        given().get("/api/v1/patients/nobody/interaction-findings?status=closed").then().statusCode(400)
                .body("errors.field", hasItem("status"));
    }

    static class FixedToday extends Today {
        private final LocalDate date;

        FixedToday(LocalDate date) {
            super("UTC");
            this.date = date;
        }

        @Override
        public LocalDate date() {
            return date;
        }
    }
}
