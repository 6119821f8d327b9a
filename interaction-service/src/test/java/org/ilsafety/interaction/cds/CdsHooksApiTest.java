package org.ilsafety.interaction.cds;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** CDS Hooks 2.0 exchanges as an EHR sends them. */
@QuarkusTest
class CdsHooksApiTest {
    static final String SELECT = "/cds-services/" + CdsServiceCatalog.ORDER_SELECT;
    static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN;

    @Inject
    CdsFeedbackService feedback;

    static String draft(String id, String patient, String text, String cvx) {
        String coding = cvx == null ? "" : ",\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"%s\"}]".formatted(cvx);
        return """
                {"resource":{"resourceType":"MedicationRequest","id":"%s","status":"draft","intent":"order",
                 "medicationCodeableConcept":{"text":"%s"%s},"subject":{"reference":"Patient/%s"}}}
                """.formatted(id, text, coding, patient);
    }

    static String statement(String id, String patient, String text) {
        return """
                {"resource":{"resourceType":"MedicationStatement","id":"%s","status":"active",
                 "medicationCodeableConcept":{"text":"%s"},"subject":{"reference":"Patient/%s"}}}
                """.formatted(id, text, patient);
    }

    static String immunization(String id, String patient, String cvx, String date) {
        return """
                {"resource":{"resourceType":"Immunization","id":"%s","status":"completed",
                 "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"%s"}]},
                 "patient":{"reference":"Patient/%s"},"occurrenceDateTime":"%s"}}
                """.formatted(id, cvx, patient, date);
    }

    static String bundle(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    static String request(String hook, String patient, String selections, String drafts, String medications, String immunizations) {
        String prefetch = "";
        if (medications != null) {
            prefetch += "\"medications\":" + medications;
        }
        if (immunizations != null) {
            prefetch += (prefetch.isEmpty() ? "" : ",") + "\"immunizations\":" + immunizations;
        }
        return """
                {"hookInstance":"%s","hook":"%s","fhirServer":"https://ehr.example.org/fhir",
                 "context":{"userId":"Practitioner/123","patientId":"%s","encounterId":"enc-1"%s,"draftOrders":%s},
                 "prefetch":{%s}}
                """.formatted(UUID.randomUUID(), hook, patient, selections == null ? "" : ",\"selections\":" + selections, drafts, prefetch);
    }

    /** As the EHR calls: every request with a fresh token of the trusted local EHR. */
    static ValidatableResponse call(String path, String body) {
        return EhrRequests.given(path).contentType(ContentType.JSON).body(body).post(path).then();
    }

    @Test
    void discoveryListsBothServicesWithTheirPrefetch() {
        EhrRequests.given("/cds-services").get("/cds-services").then().statusCode(200)
                .body("services.id", containsInAnyOrder(CdsServiceCatalog.ORDER_SELECT, CdsServiceCatalog.ORDER_SIGN))
                .body("services.hook", containsInAnyOrder("order-select", "order-sign"))
                .body("services[0].prefetch", hasKey("medications"))
                .body("services[0].prefetch", hasKey("immunizations"))
                .body("services[0].prefetch.conditions", equalTo("Condition?patient={{context.patientId}}"))
                .body("services[1].prefetch.allergies", equalTo("AllergyIntolerance?patient={{context.patientId}}"));
    }

    @Test
    void selectingHumiraForAPatientOnActemraGivesAWarningWithARemoveSuggestion() {
        String p = "cds-" + UUID.randomUUID();
        call(SELECT, request("order-select", p, "[\"MedicationRequest/draft-humira\"]",
                bundle(draft("draft-humira", p, "Humira 40 mg pen", null), draft("draft-ibu", p, "ibuprofen 400 mg tablet", null)),
                bundle(statement("ms-actemra", p, "Actemra 162 mg/0.9 mL"), statement("ms-mtx", p, "methotrexate")), bundle()))
                .statusCode(200)
                .body("cards", hasSize(1))
                .body("cards[0].indicator", equalTo("warning"))
                .body("cards[0].summary", containsString("Humira"))
                .body("cards[0].summary.length()", lessThan(140))
                .body("cards[0].source.label", containsString("USPI Actemra"))
                .body("cards[0].source.topic.code", equalTo("tocilizumab.biologic-dmard"))
                .body("cards[0].selectionBehavior", equalTo("at-most-one"))
                .body("cards[0].suggestions[0].actions[0].type", equalTo("delete"))
                .body("cards[0].suggestions[0].actions[0].resourceId", equalTo("MedicationRequest/draft-humira"))
                .body("cards[0].overrideReasons.code", hasItem("benefit-outweighs-risk"))
                .body("cards[0].extension.'org.ilsafety.knowledgeVersion'", containsString("2026.11.2+"));
    }

    @Test
    void signingALiveVaccineAndAnNsaidGivesACriticalAndAnInfoCard() {
        String p = "cds-" + UUID.randomUUID();
        call(SIGN, request("order-sign", p, null,
                bundle(draft("draft-mmr", p, "MMR vaccine", "03"), draft("draft-ibu", p, "ibuprofen 400 mg tablet", null),
                        draft("draft-shingrix", p, "Shingrix", "187")),
                bundle(statement("ms-kineret", p, "Kineret 100 mg")), bundle()))
                .statusCode(200)
                .body("cards.indicator", contains("critical"))
                .body("cards[0].summary", containsString("live vaccine"))
                .body("cards[0].suggestions[0].actions[0].resourceId", equalTo("MedicationRequest/draft-mmr"));
        call(SIGN, request("order-sign", p, null,
                bundle(draft("draft-mmr", p, "MMR vaccine", "03"), draft("draft-ibu", p, "ibuprofen 400 mg tablet", null)),
                bundle(statement("ms-actemra", p, "Actemra")), bundle()))
                .statusCode(200)
                .body("cards.indicator", contains("critical", "info"))
                .body("cards[1].source.topic.code", equalTo("tocilizumab.gi-perforation"))
                .body("cards[1].suggestions", equalTo(null));
    }

    @Test
    void orderingTheTherapyItselfChecksEverythingTheyAlreadyTake() {
        String p = "cds-" + UUID.randomUUID();
        String tenDaysAgo = LocalDate.now(ZoneOffset.UTC).minusDays(10).toString();
        call(SELECT, request("order-select", p, "[\"MedicationRequest/draft-actemra\"]", bundle(draft("draft-actemra", p, "Actemra", null)),
                bundle(statement("ms-enbrel", p, "Enbrel"), statement("ms-mtx", p, "methotrexate")),
                bundle(immunization("imm-yf", p, "37", tenDaysAgo), immunization("imm-flu", p, "140", tenDaysAgo))))
                .statusCode(200)
                .body("cards.indicator", contains("critical", "warning"))
                .body("cards.suggestions.flatten().actions.flatten().resourceId", everyItem(equalTo("MedicationRequest/draft-actemra")));
    }

    @Test
    void aPatientWithoutInterleukinTherapyGetsNoCards() {
        String p = "cds-" + UUID.randomUUID();
        call(SIGN, request("order-sign", p, null, bundle(draft("d1", p, "Humira", null)), bundle(statement("ms-1", p, "metformin")), bundle()))
                .statusCode(200).body("cards", empty());
    }

    @Test
    void missingPrefetchIs412WithAnOperationOutcome() {
        String p = "cds-" + UUID.randomUUID();
        call(SIGN, request("order-sign", p, null, bundle(draft("d1", p, "Humira", null)), bundle(), null))
                .statusCode(412)
                .contentType("application/fhir+json")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("required"))
                .body("issue[0].expression[0]", equalTo("prefetch.immunizations"));
    }

    @Test
    void aNullPrefetchValueMeansNoDataAndIsAnswered() {
        String p = "cds-" + UUID.randomUUID();
        call(SIGN, request("order-sign", p, null, bundle(draft("d1", p, "Humira", null)), "null", "null"))
                .statusCode(200).body("cards", empty());
    }

    @Test
    void anOperationOutcomeAsPrefetchValueIsMissingData() {
        String p = "cds-" + UUID.randomUUID();
        String failed = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"timeout\"}]}";
        call(SIGN, request("order-sign", p, null, bundle(draft("d1", p, "Humira", null)), failed, bundle()))
                .statusCode(412)
                .body("issue[0].expression[0]", equalTo("prefetch.medications"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no hookInstance      | {\"hook\":\"order-sign\",\"context\":{\"userId\":\"u\",\"patientId\":\"p\",\"draftOrders\":{\"resourceType\":\"Bundle\",\"type\":\"collection\"}},\"prefetch\":{}} | hookInstance",
            "wrong hook           | {\"hook\":\"patient-view\",\"hookInstance\":\"h\",\"context\":{\"userId\":\"u\",\"patientId\":\"p\"}} | hook",
            "no context           | {\"hook\":\"order-sign\",\"hookInstance\":\"h\"} | context",
            "no patient           | {\"hook\":\"order-sign\",\"hookInstance\":\"h\",\"context\":{\"userId\":\"u\",\"draftOrders\":{\"resourceType\":\"Bundle\",\"type\":\"collection\"}}} | context.patientId",
            "draft orders not a Bundle | {\"hook\":\"order-sign\",\"hookInstance\":\"h\",\"context\":{\"userId\":\"u\",\"patientId\":\"p\",\"draftOrders\":{\"resourceType\":\"Patient\",\"id\":\"p\"}}} | context.draftOrders",
            "draft orders not FHIR | {\"hook\":\"order-sign\",\"hookInstance\":\"h\",\"context\":{\"userId\":\"u\",\"patientId\":\"p\",\"draftOrders\":{\"entries\":3}}} | context.draftOrders",
            "prefetch not a Bundle | {\"hook\":\"order-sign\",\"hookInstance\":\"h\",\"context\":{\"userId\":\"u\",\"patientId\":\"p\",\"draftOrders\":{\"resourceType\":\"Bundle\",\"type\":\"collection\"}},\"prefetch\":{\"medications\":[1,2],\"immunizations\":{\"resourceType\":\"Bundle\",\"type\":\"collection\"}}} | prefetch.medications",
    })
    void malformedHookRequestsAre400(String why, String body, String field) {
        call(SIGN, body).statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    @Test
    void orderSelectWithoutSelectionsIs400AndNotJsonIs400AndAnUnknownServiceIs404() {
        call(SELECT, request("order-select", "p", null, bundle(), bundle(), bundle())).statusCode(400).body("errors.field", hasItem("context.selections"));
        call(SIGN, "{\"hook\":").statusCode(400).contentType("application/problem+json");
        call("/cds-services/no-such-service", request("order-sign", "p", null, bundle(), bundle(), bundle())).statusCode(404);
    }

    @Test
    void feedbackStoresAcceptedAndOverriddenCardsWithTheReason() {
        String p = "cds-" + UUID.randomUUID();
        String body = request("order-sign", p, null, bundle(draft("draft-enbrel", p, "Enbrel", null), draft("draft-mmr", p, "MMR", "03")),
                bundle(statement("ms-actemra", p, "Actemra")), bundle());
        String overridden = call(SIGN, body).statusCode(200).extract().path("cards[1].uuid");
        String accepted = call(SIGN, body).statusCode(200).extract().path("cards[0].uuid");
        String suggestion = call(SIGN, body).statusCode(200).extract().path("cards[0].suggestions[0].uuid");
        call(SIGN + "/feedback", """
                {"feedback":[
                  {"card":"%s","outcome":"overridden","overrideReason":{"reason":{"code":"benefit-outweighs-risk",
                   "system":"https://ilsafety.org/fhir/CodeSystem/cds-override-reason","display":"Benefit outweighs the risk"},
                   "userComment":"discussed with rheumatology"},"outcomeTimestamp":"2026-11-22T10:15:00Z"},
                  {"card":"%s","outcome":"accepted","acceptedSuggestions":[{"id":"%s"}],"outcomeTimestamp":"2026-11-22T10:16:00+01:00"}]}
                """.formatted(overridden, accepted, suggestion)).statusCode(200);
        assertThat(feedback.forCard(UUID.fromString(overridden))).singleElement().satisfies(f -> {
            assertThat(f.outcome).isEqualTo("overridden");
            assertThat(f.overrideCode).isEqualTo("benefit-outweighs-risk");
            assertThat(f.userComment).isEqualTo("discussed with rheumatology");
        });
        assertThat(feedback.forCard(UUID.fromString(accepted))).singleElement().satisfies(f -> {
            assertThat(f.outcome).isEqualTo("accepted");
            assertThat(f.acceptedSuggestions).isEqualTo(suggestion);
        });
    }

    @Test
    void anAllergyRecordedFromTheBusMakesOrderingTheDrugACard() {
        String p = "cds-allergy-" + UUID.randomUUID();
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            kafka.send(Topics.PATIENT_EVENTS, p, FhirFixtures.patientContext(true, p, "al-tcz", 1, "http://www.nlm.nih.gov/research/umls/rxnorm",
                    "612865", "tocilizumab", "active", "confirmed"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> given()
                    .get("/api/v1/patients/{id}/inputs", p).then().body("inputs[0].outcome", equalTo("APPLIED")));
        }
        call(SIGN, request("order-sign", p, null, bundle(draft("draft-actemra", p, "Actemra", null)), bundle(), bundle())).statusCode(200)
                .body(containsString("tocilizumab.hypersensitivity"))
                .body("cards[0].indicator", equalTo("critical"));
    }

    static String condition(boolean allergy, String id, String patient, String system, String code, String text, String clinical,
            String verification) {
        return "{\"resource\":" + FhirFixtures.patientContext(allergy, patient, id, 1, system, code, text, clinical, verification) + "}";
    }

    /** {@link #request} with the patient-context prefetch keys (conditions, allergies); a null value is sent as JSON null. */
    static String withContext(String request, String conditions, String allergies) {
        return request.replace("\"prefetch\":{", "\"prefetch\":{\"conditions\":" + conditions + ",\"allergies\":" + allergies + ",");
    }

    /**
     * Issue 19: the Conditions and AllergyIntolerances the EHR sends only in the prefetch (nothing on patient-events) are
     * checked as recorded ones: an allergy to the drug ordered, a GI history (also resolved) that raises an NSAID.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            "tocilizumab allergy, ordering Actemra;     Actemra;   true;  http://www.nlm.nih.gov/research/umls/rxnorm; 612865; tocilizumab;   active;   confirmed;        critical; tocilizumab.hypersensitivity",
            "allergy entered in error: no card;         Actemra;   true;  http://www.nlm.nih.gov/research/umls/rxnorm; 612865; tocilizumab;   active;   entered-in-error; -;        -",
            "active diverticulitis raises an NSAID;     ibuprofen; false; http://hl7.org/fhir/sid/icd-10-cm;           K57.32; Diverticulitis; active;   confirmed;        info;     tocilizumab.gi-perforation",
            "resolved diverticulitis still counts;      ibuprofen; false; http://hl7.org/fhir/sid/icd-10-cm;           K57.32; Diverticulitis; resolved; confirmed;        info;     tocilizumab.gi-perforation",
    })
    void conditionsAndAllergiesSentOnlyInThePrefetchAreChecked(String why, String ordered, boolean allergy, String system, String code,
            String text, String clinical, String verification, String indicator, String topic) {
        String p = "cds-ctx-" + UUID.randomUUID();
        String context = bundle(condition(allergy, "ctx-1", p, system, code, text, clinical, verification));
        String medications = ordered.equals("Actemra") ? bundle() : bundle(statement("ms-actemra", p, "Actemra"));
        String body = withContext(request("order-sign", p, null, bundle(draft("draft-1", p, ordered, null)), medications, bundle()),
                allergy ? "null" : context, allergy ? context : bundle());
        ValidatableResponse response = call(SIGN, body).statusCode(200);
        if (topic == null) {
            response.body("cards", empty());
            return;
        }
        response.body("cards", hasSize(1)).body("cards[0].indicator", equalTo(indicator)).body("cards[0].source.topic.code", equalTo(topic));
        if (!allergy) {
            // the history raised the NSAID's finding from MINOR to MODERATE (a card without the history says MINOR)
            response.body("cards[0].summary", containsString("Moderate")).body("cards[0].detail", containsString("Diverticulitis"));
        }
    }

    @Test
    void withoutTheConditionsPrefetchAndNoFhirServerAccessTheRecordedOnesStandAndNo412() {
        String p = "cds-ctx-" + UUID.randomUUID();
        call(SIGN, request("order-sign", p, null, bundle(draft("draft-1", p, "ibuprofen", null)), bundle(statement("ms-actemra", p, "Actemra")),
                bundle())).statusCode(200).body("cards", hasSize(1)).body("cards[0].summary", containsString("Minor"))
                .body("cards[0].detail", not(containsString("history")));
    }

    @Test
    void onlyTheEhrACardWasIssuedToMayGiveFeedbackOnIt() {
        String p = "cds-" + UUID.randomUUID();
        String card = call(SIGN, request("order-sign", p, null, bundle(draft("draft-enbrel", p, "Enbrel", null)),
                bundle(statement("ms-actemra", p, "Actemra")), bundle())).statusCode(200).extract().path("cards[0].uuid");
        String body = """
                {"feedback":[{"card":"%s","outcome":"accepted","outcomeTimestamp":"2026-11-22T10:15:00Z"}]}""".formatted(card);
        String path = SIGN + "/feedback";
        given().header("Authorization", "Bearer " + TestEcEhr.token(EhrRequests.audience(path))).contentType(ContentType.JSON).body(body)
                .post(path).then().statusCode(400).body("errors.field", hasItem("feedback[0].card"));
        assertThat(feedback.forCard(UUID.fromString(card))).as("another EHR's feedback is not stored").isEmpty();
        call(path, body).statusCode(200);
        assertThat(feedback.forCard(UUID.fromString(card))).singleElement().satisfies(f -> assertThat(f.outcome).isEqualTo("accepted"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown card   | {\"feedback\":[{\"card\":\"6f1c1d1e-0000-4000-8000-000000000000\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-22T10:00:00Z\"}]} | feedback[0].card",
            "not a uuid     | {\"feedback\":[{\"card\":\"card-1\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-22T10:00:00Z\"}]} | feedback[0].card",
            "empty          | {\"feedback\":[]} | feedback",
    })
    void badFeedbackIs400(String why, String body, String field) {
        call(SIGN + "/feedback", body).statusCode(400).body("errors.field", hasItem(field)).body("errors.field", not(empty()));
    }
}
