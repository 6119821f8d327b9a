package org.ilsafety.interaction.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.interaction.patient.PatientChecks;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Conditions and AllergyIntolerances from patient-events, through the broker and PostgreSQL, give the same
 * patient-context findings as the REST check (issue 19, the labels' contraindications and warnings).
 */
@QuarkusTest
class PatientContextFlowTest {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";

    @Inject
    Fhir fhir;

    static String order(String patient, String product, String route) {
        return FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, product, route, "RA", "active",
                LocalDate.now(ZoneOffset.UTC).minusDays(10) + "T09:00:00Z");
    }

    static void awaitOpen(String patient, String... categories) {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/interaction-findings", patient).then()
                .statusCode(200).body("findings.category", categories.length == 0 ? empty() : containsInAnyOrder(categories)));
    }

    static List<ConsumerRecord<String, String>> published(TestKafka kafka, String patient, String type, String part, int count) {
        return kafka.await(Topics.INTERACTION_FINDINGS, r -> patient.equals(r.key()) && type.equals(TestKafka.header(r, CloudEventHeaders.TYPE))
                && r.value().contains(part), count, WAIT);
    }

    @Test
    void anAllergyToTheTherapyOnTheBusIsContraindicatedAndEnteredInErrorClosesIt() {
        String p = "ctx-tcz-" + System.nanoTime();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, p, order(p, "Actemra", "IV"));
            kafka.send(Topics.PATIENT_EVENTS, p, FhirFixtures.patientContext(true, p, "al-1", 1, RXNORM, "612865", "tocilizumab", "active", "confirmed"));
            awaitOpen(p, "HYPERSENSITIVITY");
            DetectedIssue issue = (DetectedIssue) fhir.parse(published(kafka, p, PatientChecks.TYPE_OPENED, "AllergyIntolerance/al-1", 1).get(0).value());
            assertThat(issue.getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.HIGH);
            assertThat(issue.getIdentifier()).extracting(i -> i.getValue()).contains("tocilizumab.hypersensitivity");
            given().get("/api/v1/patients/{id}/interaction-findings", p).then()
                    .body("findings[0].ruleId", equalTo("tocilizumab.hypersensitivity"))
                    .body("findings[0].severity", equalTo("CONTRAINDICATED"));

            // The same allergy, entered in error: removed, the finding closes and is published as closed.
            kafka.send(Topics.PATIENT_EVENTS, p, FhirFixtures.patientContext(true, p, "al-1", 3, RXNORM, "612865", "tocilizumab", "active",
                    "entered-in-error"));
            assertThat(published(kafka, p, PatientChecks.TYPE_CLOSED, "AllergyIntolerance/al-1", 1)).hasSize(1);
            awaitOpen(p);

            // Version 2 arriving after version 3 (an older version, late): superseded, nothing reopens.
            kafka.send(Topics.PATIENT_EVENTS, p, FhirFixtures.patientContext(true, p, "al-1", 2, RXNORM, "612865", "tocilizumab",
                    "active", "confirmed"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs", p).then()
                    .body("inputs.findAll { it.resourceType == 'AllergyIntolerance' }.outcome", containsInAnyOrder("APPLIED", "APPLIED", "IGNORED"))
                    .body("inputs.find { it.outcome == 'IGNORED' }.reason", equalTo("SUPERSEDED_VERSION")));
            awaitOpen(p);
        }
    }

    @Test
    void anEColiProteinAllergyOnKineretAndTheLabelsWarningsFromConditions() {
        String k = "ctx-akr-" + System.nanoTime();
        String t = "ctx-warn-" + System.nanoTime();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            // The allergy arrives before the order: kept, and the order's re-check finds it.
            kafka.send(Topics.PATIENT_EVENTS, k, FhirFixtures.patientContext(true, k, "al-ecoli", 1, null, null,
                    "E. coli-derived proteins", "active", "confirmed"));
            kafka.send(Topics.PATIENT_EVENTS, k, order(k, "Kineret", "SC"));
            awaitOpen(k, "HYPERSENSITIVITY");
            given().get("/api/v1/patients/{id}/interaction-findings", k).then().body("findings[0].ruleId", equalTo("anakinra.hypersensitivity"));
            // Resolved (inactive): closed.
            kafka.send(Topics.PATIENT_EVENTS, k, FhirFixtures.patientContext(true, k, "al-ecoli", 2, null, null,
                    "E. coli-derived proteins", "inactive", "confirmed"));
            awaitOpen(k);

            kafka.send(Topics.PATIENT_EVENTS, t, order(t, "Actemra", "IV"));
            kafka.send(Topics.PATIENT_EVENTS, t, FhirFixtures.patientContext(false, t, "c-ms", 1, ICD10, "G35", "Multiple sclerosis", "active",
                    "confirmed"));
            kafka.send(Topics.PATIENT_EVENTS, t, FhirFixtures.patientContext(false, t, "c-div", 1, ICD10, "K57.32", "Diverticulitis", "active",
                    "confirmed"));
            kafka.send(Topics.PATIENT_EVENTS, t, FhirFixtures.patientContext(false, t, "c-cirrhosis", 1, ICD10, "K74.60", "Cirrhosis", "active",
                    "refuted"));
            awaitOpen(t, "DEMYELINATING_DISEASE", "GI_PERFORATION_RISK");
            // A refuted hepatic disease raises nothing; the Condition is still kept for an order's reasonReference.
            given().get("/api/v1/patients/{id}/inputs", t).then()
                    .body("inputs.findAll { it.resourceType == 'Condition' }.outcome", containsInAnyOrder("APPLIED", "APPLIED", "APPLIED"));
            kafka.send(Topics.PATIENT_EVENTS, t, FhirFixtures.patientContext(false, t, "c-ms", 2, ICD10, "G35", "Multiple sclerosis", "active",
                    "entered-in-error"));
            awaitOpen(t, "GI_PERFORATION_RISK");
        }
    }

    static String pregnancyObservation(String patient, String id, String loinc, String code, String display, String effective) {
        return """
                {"resourceType":"Observation","id":"%s","meta":{"versionId":"1"},"status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},"subject":{"reference":"Patient/%s"},
                 "effectiveDateTime":"%s","valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]}}
                """.formatted(id, loinc, patient, effective, code, display);
    }

    /**
     * Issue 19: pregnancy from an Observation gives the pregnancy information finding as a Condition does; a later "not
     * pregnant" ends it; an older positive arriving late changes nothing (IGNORED OLDER_READING); an unknown answer is IGNORED.
     */
    @Test
    void pregnancyFromObservationsOpensTheFindingAndALaterNotPregnantClosesIt() {
        String p = "ctx-preg-" + System.nanoTime();
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(5).toString();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, p, order(p, "Actemra", "IV"));
            kafka.send(Topics.PATIENT_EVENTS, p, pregnancyObservation(p, "hcg-1", "2106-3", "10828004", "Positive", day + "T08:00:00Z"));
            awaitOpen(p, "PREGNANCY_LACTATION");
            given().get("/api/v1/patients/{id}/interaction-findings", p).then()
                    .body("findings[0].ruleId", equalTo("tocilizumab.pregnancy-lactation"))
                    .body("findings[0].severity", equalTo("MINOR"));
            assertThat(published(kafka, p, PatientChecks.TYPE_OPENED, "Observation/hcg-1", 1)).hasSize(1);

            kafka.send(Topics.PATIENT_EVENTS, p, pregnancyObservation(p, "status-2", "82810-3", "60001007", "Not pregnant", day + "T12:00:00Z"));
            assertThat(published(kafka, p, PatientChecks.TYPE_CLOSED, "Observation/hcg-1", 1)).hasSize(1);
            awaitOpen(p);

            // An earlier positive arriving after the "not pregnant": older than the latest reading, nothing reopens.
            kafka.send(Topics.PATIENT_EVENTS, p, pregnancyObservation(p, "hcg-0", "2118-8", "10828004", "Positive", day + "T06:00:00Z"));
            kafka.send(Topics.PATIENT_EVENTS, p, pregnancyObservation(p, "status-3", "82810-3", "261665006", "Unknown", day + "T13:00:00Z"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs", p).then()
                    .body("inputs.findAll { it.resourceType == 'Observation' }.reason", containsInAnyOrder(null, null, "OLDER_READING",
                            "ANSWER_NOT_RECOGNISED")));
            awaitOpen(p);
        }
    }

    /** Issue 19: a resolved diverticulitis still counts as GI perforation history (countsWhenResolved); a resolved MS closes its finding. */
    @Test
    void aResolvedDiverticulitisStillCountsAsHistory() {
        String t = "ctx-hist-" + System.nanoTime();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, t, order(t, "Actemra", "IV"));
            kafka.send(Topics.PATIENT_EVENTS, t, FhirFixtures.patientContext(false, t, "c-div-hist", 1, ICD10, "K57.32", "Diverticulitis", "resolved",
                    "confirmed"));
            // resource ids of their own: the inbox knows an event by its resource and version, whatever the patient
            kafka.send(Topics.PATIENT_EVENTS, t, FhirFixtures.patientContext(false, t, "c-ms-hist", 1, ICD10, "G35", "Multiple sclerosis", "active",
                    "confirmed"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/patients/{id}/inputs", t).then()
                    .body("inputs.outcome", containsInAnyOrder("APPLIED", "APPLIED", "APPLIED")));
            awaitOpen(t, "DEMYELINATING_DISEASE", "GI_PERFORATION_RISK");
            kafka.send(Topics.PATIENT_EVENTS, t, FhirFixtures.patientContext(false, t, "c-ms-hist", 2, ICD10, "G35", "Multiple sclerosis", "resolved",
                    "confirmed"));
            awaitOpen(t, "GI_PERFORATION_RISK");
            given().get("/api/v1/patients/{id}/interaction-findings", t).then()
                    .body("findings[0].mechanism", org.hamcrest.Matchers.containsString("resolved; its history still counts"));
        }
    }
}
