package org.ilsafety.interaction.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.ilsafety.interaction.cds.CdsServiceCatalog;
import org.ilsafety.interaction.cds.EhrRequests;
import org.ilsafety.interaction.cds.TestEcEhr;
import org.ilsafety.interaction.patient.PatientFixtures;
import org.ilsafety.testsupport.ApiFuzzer;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Generated and mutated requests to every operation of the service (/api and /cds-services),
 * {@link ApiFuzzer#requestsPerOperation()} each ({@code -Dfuzz.requests=N} for more): none may answer 5xx. The /api operations carry one
 * token with every role; each CDS Hooks request carries a fresh EHR token for the URL it calls, and three in
 * four go to a real service id, so both reach validation and the domain code. Each operation's report is printed.
 */
@QuarkusTest
class FuzzedInputApiTest {
    static final int REQUESTS = ApiFuzzer.requestsPerOperation();
    static final String SELECT = "/cds-services/" + CdsServiceCatalog.ORDER_SELECT;
    static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN;

    @TestHTTPResource("/")
    URL url;

    static String draft(String id, String text, String cvx) {
        String coding = cvx == null ? "" : ",\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"%s\"}]".formatted(cvx);
        return """
                {"resource":{"resourceType":"MedicationRequest","id":"%s","status":"draft","intent":"order",
                 "medicationCodeableConcept":{"text":"%s"%s},"subject":{"reference":"Patient/fuzz-p"}}}""".formatted(id, text, coding);
    }

    static String statement(String id, String text) {
        return """
                {"resource":{"resourceType":"MedicationStatement","id":"%s","status":"active",
                 "medicationCodeableConcept":{"text":"%s"},"subject":{"reference":"Patient/fuzz-p"}}}""".formatted(id, text);
    }

    static String bundle(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    static String hookRequest(String hook, String selections, String drafts, String medications) {
        return """
                {"hookInstance":"%s","hook":"%s","fhirServer":"https://ehr.example.org/fhir",
                 "context":{"userId":"Practitioner/123","patientId":"fuzz-p","encounterId":"enc-1"%s,"draftOrders":%s},
                 "prefetch":{"medications":%s,"immunizations":{"resourceType":"Bundle","type":"collection","entry":[{"resource":
                  {"resourceType":"Immunization","id":"imm-1","status":"completed","vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"03"}]},
                   "patient":{"reference":"Patient/fuzz-p"},"occurrenceDateTime":"2026-11-01"}}]}}}
                """.formatted(UUID.randomUUID(), hook, selections == null ? "" : ",\"selections\":" + selections, drafts, medications);
    }

    @Test
    void noOperationAnswersAServerError() {
        URI base = URI.create(url.toString());
        String sign = hookRequest("order-sign", null, bundle(draft("draft-mmr", "MMR vaccine", "03"), draft("draft-ibu", "ibuprofen 400 mg", null),
                draft("draft-enbrel", "Enbrel", null)), bundle(statement("ms-actemra", "Actemra 162 mg"), statement("ms-mtx", "methotrexate")));
        String select = hookRequest("order-select", "[\"MedicationRequest/draft-humira\"]",
                bundle(draft("draft-humira", "Humira 40 mg pen", null), draft("draft-actemra", "Actemra", null)),
                bundle(statement("ms-kineret", "Kineret 100 mg")));
        // Real cards to give feedback on, issued to the EHR the fuzzer calls as (feedback only comes from the EHR a card was issued to).
        var cards = io.restassured.RestAssured.given().header("Authorization", "Bearer " + TestEcEhr.token(EhrRequests.audience(SIGN)))
                .contentType(ContentType.JSON).body(sign).post(SIGN).then().statusCode(200).extract();
        String card = cards.path("cards[0].uuid");
        String suggestion = cards.path("cards[0].suggestions[0].uuid");
        String overridden = cards.path("cards[1].uuid");
        String feedback = """
                {"feedback":[{"card":"%s","outcome":"accepted","acceptedSuggestions":[{"id":"%s"}],"outcomeTimestamp":"2026-11-22T10:16:00Z"},
                 {"card":"%s","outcome":"overridden","overrideReason":{"reason":{"code":"benefit-outweighs-risk",
                  "system":"https://ilsafety.org/fhir/CodeSystem/cds-override-reason"},"userComment":"discussed"},"outcomeTimestamp":"2026-11-22T10:15:00+01:00"}]}
                """.formatted(card, suggestion, overridden);

        String everyRole = TestTokens.bearer("fuzz-caller", TestTokens.ALL_ROLES);
        String finding = openFinding(everyRole);
        ApiFuzzer api = ApiFuzzer.forService(base, everyRole)
                // CDS Hooks calls carry a fresh EHR token (ES256: cheap to sign) whose aud is the URL called, as an EHR sends it
                .authorization(uri -> uri.getPath().startsWith("/cds-services")
                        ? "Bearer " + TestEcEhr.token(EhrRequests.audience(uri.getRawPath()))
                        : everyRole)
                .pathValues("serviceId", CdsServiceCatalog.ORDER_SIGN, CdsServiceCatalog.ORDER_SELECT)
                .pathValues("id", finding)
                .seed("POST", "/api/v1/interaction-findings/{id}/acknowledgement", "{\"reason\":\"Prescriber informed\"}")
                .seed("POST", "/api/v1/interaction-checks", """
                        {"therapy":{"drug":"tocilizumab","status":"ACTIVE","product":"Actemra","startDate":"2026-01-01"},
                         "medications":[{"name":"Humira"},{"rxnorm":"6851"},{"name":"metformin"},{"atc":"B01AA03"},{"name":"Tyenne","rxnorm":"612865"}],
                         "immunizations":[{"cvx":"03","date":"2026-11-20"},{"cvx":"187","date":"2026-11-20"},{"name":"hepatitis A","date":"2026-11-20"}],
                         "asOf":"2026-11-22"}""", """
                        {"therapy":{"drug":"anakinra","status":"STOPPED","lastDoseDate":"2026-01-01"},
                         "medications":[{"name":"ibuprofen gel"},{"atc":"M01AE01"}],"immunizations":[{"name":"Shingrix","date":"2026-01-02"}]}""")
                .seed("POST", "/cds-services/{serviceId}", sign, select)
                .seed("POST", "/cds-services/{serviceId}/feedback", feedback);
        List<ApiFuzzer.Report> reports = new ArrayList<>();
        long started = System.nanoTime();
        List<ApiFuzzer.Operation> operations = api.operations();
        assertThat(operations.stream().filter(o -> o.path().startsWith("/api"))).hasSize(AccessMatrixApiTest.ENDPOINTS.size());
        assertThat(operations.stream().filter(o -> o.path().startsWith("/cds-services")).map(ApiFuzzer.Operation::toString))
                .containsExactlyInAnyOrder("GET /cds-services", "POST /cds-services/{serviceId}", "POST /cds-services/{serviceId}/feedback");
        long seed = 7_2026L;
        for (ApiFuzzer.Operation operation : operations) {
            reports.add(report(api, operation, seed++));
        }
        long sent = reports.stream().mapToLong(ApiFuzzer.Report::sent).sum();
        System.out.printf("FUZZ %d operations, %d requests in %.1f s%n", reports.size(), sent, (System.nanoTime() - started) / 1e9);
        assertThat(reports).allSatisfy(report -> assertThat(report.serverErrors()).as(report.operation().toString()).isEmpty());
        assertThat(reports).allSatisfy(report -> assertThat(report.undocumented()).as(report.operation() + ": statuses the OpenAPI document does not list")
                .isEmpty());
        // The requests reached the code behind authentication: mostly neither 401 nor 403, and the bodies
        // (seeded from valid ones) were accepted now and then.
        assertThat(reports).allSatisfy(report -> assertThat(report.statuses().getOrDefault(401, 0) + report.statuses().getOrDefault(403, 0))
                .as(report.operation().toString()).isLessThan(report.sent() / 100));
        assertThat(reports).filteredOn(report -> report.operation().method().equals("POST")).allSatisfy(report -> assertThat(
                report.statuses().keySet()).as(report.operation().toString()).anyMatch(status -> status >= 200 && status < 300));
    }

    /** A real open finding (tocilizumab with a TNF blocker, through the broker) for the acknowledgement to act on. */
    private static String openFinding(String bearer) {
        String patient = "fuzz-finding-" + UUID.randomUUID();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            PatientFixtures.onTocilizumabWithHumira(kafka, patient, false);
        }
        return Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> io.restassured.RestAssured.given().header("Authorization", bearer)
                .get("/api/v1/patients/{id}/interaction-findings", patient).then().statusCode(200).extract().<String>path("findings[0].id"),
                id -> id != null);
    }

    private static ApiFuzzer.Report report(ApiFuzzer fuzzer, ApiFuzzer.Operation operation, long seed) {
        long started = System.nanoTime();
        ApiFuzzer.Report report = fuzzer.fuzz(operation, REQUESTS, seed);
        System.out.printf("FUZZ %s (%.1f s)%n", report, (System.nanoTime() - started) / 1e9);
        report.serverErrors().stream().limit(5).forEach(error -> System.out.println("FUZZ   " + error));
        return report;
    }
}
