package org.ilsafety.interaction.cds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * CDS Hooks 2.0 prefetch the EHR did not send, fetched from a real FHIR server ({@link FhirTestServer}: HAPI FHIR's
 * RestfulServer in Jetty on loopback) with the EHR's access token.
 */
@QuarkusTest
class CdsPrefetchFetchApiTest {
    static final String SELECT = CdsHooksApiTest.SELECT;
    static final String SIGN = CdsHooksApiTest.SIGN;
    private static FhirTestServer server;

    @BeforeAll
    static void startFhirServer() throws Exception {
        server = new FhirTestServer();
        // The first answer builds HAPI's model of the resources; done here, not inside a timed fetch.
        RestAssured.given().get(server.base() + "/metadata").then().statusCode(200);
    }

    @AfterAll
    static void stopFhirServer() throws Exception {
        server.close();
    }

    static MedicationStatement statement(String id, String patient, String text) {
        MedicationStatement statement = new MedicationStatement();
        statement.setId(id);
        statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        statement.setMedication(new CodeableConcept().setText(text));
        statement.setSubject(new Reference("Patient/" + patient));
        return statement;
    }

    static Immunization immunization(String id, String patient, String cvx, LocalDate date) {
        Immunization immunization = new Immunization();
        immunization.setId(id);
        immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
        immunization.setVaccineCode(new CodeableConcept().addCoding(new Coding("http://hl7.org/fhir/sid/cvx", cvx, null)));
        immunization.setPatient(new Reference("Patient/" + patient));
        immunization.setOccurrence(new DateTimeType(Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant())));
        return immunization;
    }

    /** A hook call; {@code prefetch} is the prefetch object's content, {@code fhirServer}/{@code token} null to leave them out. */
    static String request(String hook, String patient, String selections, String drafts, String prefetch, String fhirServer, String token) {
        String server = fhirServer == null ? "" : "\"fhirServer\":\"" + fhirServer + "\",";
        String authorization = token == null ? "" : """
                "fhirAuthorization":{"access_token":"%s","token_type":"Bearer","expires_in":300,
                 "scope":"patient/MedicationStatement.read patient/Immunization.read","subject":"il-interactions"},""".formatted(token);
        return """
                {"hookInstance":"%s","hook":"%s",%s%s
                 "context":{"userId":"Practitioner/123","patientId":"%s"%s,"draftOrders":%s},
                 "prefetch":{%s}}
                """.formatted(UUID.randomUUID(), hook, server, authorization, patient,
                selections == null ? "" : ",\"selections\":" + selections, drafts, prefetch);
    }

    static ValidatableResponse call(String path, String body) {
        return CdsHooksApiTest.call(path, body);
    }

    static String patient() {
        return "fetch-" + UUID.randomUUID();
    }

    static String humira(String p) {
        return CdsHooksApiTest.bundle(CdsHooksApiTest.draft("draft-humira", p, "Humira 40 mg pen", null));
    }

    @Test
    void aMissingPrefetchKeyIsFetchedWithTheTokenAndGivesTheSameCardAsPrefetch() {
        String p = patient();
        String token = "token-" + UUID.randomUUID();
        server.serve(p, token, statement("ms-actemra", p, "Actemra 162 mg/0.9 mL"), statement("ms-mtx", p, "methotrexate"));
        JsonPath fetched = call(SELECT, request("order-select", p, "[\"MedicationRequest/draft-humira\"]", humira(p),
                "\"immunizations\":null", server.base(), token)).statusCode(200).extract().jsonPath();
        JsonPath prefetched = call(SELECT, request("order-select", p, "[\"MedicationRequest/draft-humira\"]", humira(p),
                "\"medications\":" + CdsHooksApiTest.bundle(CdsHooksApiTest.statement("ms-actemra", p, "Actemra 162 mg/0.9 mL"),
                        CdsHooksApiTest.statement("ms-mtx", p, "methotrexate")) + ",\"immunizations\":null", null, null))
                .statusCode(200).extract().jsonPath();

        assertThat(fetched.getList("cards")).hasSize(1);
        for (String field : new String[] { "summary", "detail", "indicator", "source.label", "source.topic.code", "suggestions[0].label",
                "overrideReasons.code", "extension" }) {
            assertThat((Object) fetched.get("cards[0]." + field)).as(field).isEqualTo(prefetched.get("cards[0]." + field)).isNotNull();
        }
        assertThat(fetched.getString("cards[0].summary")).contains("Humira");
        assertThat(server.searches(p)).as("only the missing keys are fetched; a null prefetch is no data")
                .containsExactlyInAnyOrder("MedicationStatement " + p, "Condition " + p, "AllergyIntolerance " + p);
        assertThat(server.authorizations()).contains("Bearer " + token);
    }

    /**
     * Issue 19: the patient's AllergyIntolerances and Conditions, not in the prefetch, are fetched from fhirServer with the
     * medicines: an allergy to tocilizumab the EHR holds only there makes ordering Actemra a critical card.
     */
    @Test
    void conditionsAndAllergiesNotInThePrefetchAreFetchedAndRaiseTheirCard() {
        String p = patient();
        String token = "token-" + UUID.randomUUID();
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setId("al-tcz");
        allergy.setCode(new CodeableConcept().addCoding(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "612865", "tocilizumab")));
        allergy.setPatient(new Reference("Patient/" + p));
        server.serve(p, token, allergy);
        call(SIGN, request("order-sign", p, null, CdsHooksApiTest.bundle(CdsHooksApiTest.draft("draft-actemra", p, "Actemra", null)),
                "\"medications\":null,\"immunizations\":null", server.base(), token)).statusCode(200)
                .body("cards", hasSize(1))
                .body("cards[0].indicator", equalTo("critical"))
                .body("cards[0].source.topic.code", equalTo("tocilizumab.hypersensitivity"));
        assertThat(server.searches(p)).containsExactlyInAnyOrder("Condition " + p, "AllergyIntolerance " + p);
    }

    @Test
    void anOperationOutcomeAsPrefetchValueIsFetched() {
        String p = patient();
        String token = "token-" + UUID.randomUUID();
        LocalDate tenDaysAgo = LocalDate.now(ZoneOffset.UTC).minusDays(10);
        server.serve(p, token, immunization("imm-yf", p, "37", tenDaysAgo), immunization("imm-flu", p, "140", tenDaysAgo));
        String failed = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"timeout\"}]}";
        call(SELECT, request("order-select", p, "[\"MedicationRequest/draft-actemra\"]",
                CdsHooksApiTest.bundle(CdsHooksApiTest.draft("draft-actemra", p, "Actemra", null)),
                "\"medications\":" + CdsHooksApiTest.bundle() + ",\"immunizations\":" + failed, server.base(), token))
                .statusCode(200)
                .body("cards", hasSize(1))
                .body("cards[0].indicator", equalTo("critical"))
                .body("cards[0].summary", containsString("live vaccine"))
                .body("cards[0].detail", containsString("Immunization/imm-yf"));
        assertThat(server.searches(p)).as("the failed key and the patient context the EHR did not send")
                .containsExactlyInAnyOrder("Immunization " + p, "Condition " + p, "AllergyIntolerance " + p);
    }

    @Test
    void pagesAreFollowedThroughTheNextLink() {
        String p = patient();
        String token = "token-" + UUID.randomUUID();
        // Five statements, two per page: Actemra is on the third page.
        server.serve(p, token, statement("ms-1", p, "metformin"), statement("ms-2", p, "lisinopril"), statement("ms-3", p, "atorvastatin"),
                statement("ms-4", p, "omeprazole"), statement("ms-actemra", p, "Actemra"));
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":" + CdsHooksApiTest.bundle(), server.base(), token))
                .statusCode(200)
                .body("cards", hasSize(1))
                .body("cards[0].summary", containsString("Humira"))
                .body("cards[0].extension.'org.ilsafety.checkIncomplete'", nullValue());
    }

    @Test
    void moreThanTheConfiguredPagesIsAnIncompleteCheckBesideTheFindingsRead() {
        String p = patient();
        String token = "token-" + UUID.randomUUID();
        MedicationStatement[] statements = new MedicationStatement[10];
        statements[0] = statement("ms-actemra", p, "Actemra");
        for (int i = 1; i < statements.length; i++) {
            statements[i] = statement("ms-" + i, p, "metformin");
        }
        server.serve(p, token, statements);
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":" + CdsHooksApiTest.bundle(), server.base(), token))
                .statusCode(200)
                .body("cards.indicator", contains("warning", "warning"))
                .body("cards[0].summary", containsString("Humira"))
                .body("cards[1].source.topic.code", equalTo(IncompleteCheckCard.CODE))
                .body("cards[1].extension.'org.ilsafety.unreadPrefetch'.medications", containsString("more than 4 pages"));
    }

    @Test
    void aServerErrorGivesAnIncompleteCheckCardWithTheReason() {
        String p = patient();
        String token = "token-" + UUID.randomUUID();
        server.serve(p, token, statement("ms-actemra", p, "Actemra"));
        server.behave(p, FhirTestServer.Behaviour.FAIL);
        // No therapy known without the medicines: info.
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":null", server.base(), token))
                .statusCode(200)
                .body("cards", hasSize(1))
                .body("cards[0].indicator", equalTo("info"))
                .body("cards[0].summary", containsString("incomplete"))
                .body("cards[0].summary", containsString("current medicines"))
                .body("cards[0].detail", containsString("HTTP 500"))
                .body("cards[0].uuid", nullValue())
                .body("cards[0].source.topic.system", equalTo(IncompleteCheckCard.STATUS_SYSTEM))
                .body("cards[0].extension.'org.ilsafety.checkIncomplete'", equalTo(true));
        // The therapy ordered itself: the check against it is incomplete, a warning.
        call(SELECT, request("order-select", p, "[\"MedicationRequest/draft-actemra\"]",
                CdsHooksApiTest.bundle(CdsHooksApiTest.draft("draft-actemra", p, "Actemra", null)), "", server.base(), token))
                .statusCode(200)
                .body("cards", hasSize(1))
                .body("cards[0].indicator", equalTo("warning"))
                .body("cards[0].summary", containsString("current medicines and vaccinations"))
                .body("cards[0].detail", containsString("tocilizumab"));
    }

    @Test
    void unreadVaccinationsWithoutATherapyChangeNothing() {
        String p = patient();
        String token = "token-" + UUID.randomUUID();
        server.serve(p, token);
        server.behave(p, FhirTestServer.Behaviour.FAIL);
        call(SIGN, request("order-sign", p, null, humira(p), "\"medications\":" + CdsHooksApiTest.bundle(CdsHooksApiTest.statement("ms-1", p, "metformin")),
                server.base(), token))
                .statusCode(200).body("cards", empty());
    }

    @Test
    void aStalledServerTimesOutWithTheIncompleteCheckCard() {
        String p = patient();
        String token = "token-" + UUID.randomUUID();
        server.serve(p, token, statement("ms-actemra", p, "Actemra"));
        server.behave(p, FhirTestServer.Behaviour.STALL);
        long started = System.nanoTime();
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":null", server.base(), token))
                .statusCode(200)
                .body("cards[0].source.topic.code", equalTo(IncompleteCheckCard.CODE))
                .body("cards[0].detail", containsString("did not answer within 5 s"));
        // The server stalls for 60 s: the answer came from the read timeout, not from the server.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
    }

    @Test
    void aServerThatIsDownGivesTheIncompleteCheckCard() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String p = patient();
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":null", "http://127.0.0.1:" + closedPort + "/fhir", "token-x"))
                .statusCode(200)
                .body("cards[0].source.topic.code", equalTo(IncompleteCheckCard.CODE))
                .body("cards[0].detail", containsString("could not be reached"));
    }

    @Test
    void aTokenTheServerRefusesAndAnAnswerThatIsNotABundleAreIncompleteChecks() {
        String p = patient();
        server.serve(p, "the-right-token", statement("ms-actemra", p, "Actemra"));
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":null", server.base(), "a-wrong-token"))
                .statusCode(200)
                .body("cards[0].detail", containsString("HTTP 401"))
                .body("cards[0].detail", not(containsString("a-wrong-token")));
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":null", server.brokenBase(), "the-right-token"))
                .statusCode(200)
                .body("cards[0].detail", containsString("answer is not a FHIR R4 Bundle"));
    }

    @Test
    void nothingToFetchFromIs412NamingWhy() {
        String p = patient();
        String sent = "token-" + UUID.randomUUID();
        server.serve(p, sent, statement("ms-actemra", p, "Actemra"));
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":null", null, null))
                .statusCode(412).contentType("application/fhir+json")
                .body("issue[0].expression[0]", equalTo("prefetch.medications"))
                .body("issue[0].diagnostics", containsString("no fhirServer"));
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":null", server.base(), null))
                .statusCode(412).body("issue[0].diagnostics", containsString("no fhirAuthorization"));
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":null", "http://fhir.hospital.test/fhir", sent))
                .statusCode(412).body("issue[0].diagnostics", containsString("not https"));
        assertThat(server.searches(p)).as("nothing was fetched").isEmpty();
    }

    @Test
    void anEhrWithConfiguredFhirServersCannotSendTheTokenElsewhere() {
        String p = patient();
        String token = "token-" + UUID.randomUUID();
        server.serve(p, token, statement("ms-actemra", p, "Actemra"));
        String body = request("order-sign", p, null, humira(p), "\"immunizations\":null", server.base(), token);
        RestAssured.given().header("Authorization", "Bearer " + TestEcEhr.token(EhrRequests.audience(SIGN))).contentType(ContentType.JSON)
                .body(body).post(SIGN).then()
                .statusCode(412).body("issue[0].diagnostics", containsString("not one of the FHIR servers configured for this EHR"));
        assertThat(server.searches(p)).isEmpty();
    }

    @Test
    void aMalformedFhirAuthorizationIs400() {
        String p = patient();
        String body = request("order-sign", p, null, humira(p), "\"immunizations\":null", server.base(), "x")
                .replace("\"access_token\":\"x\",", "");
        call(SIGN, body).statusCode(400).body("errors.field", hasItem("fhirAuthorization.access_token"));
        call(SIGN, request("order-sign", p, null, humira(p), "\"immunizations\":null", "not a url", "x"))
                .statusCode(400).body("errors.field", hasItem("fhirServer"));
    }
}
