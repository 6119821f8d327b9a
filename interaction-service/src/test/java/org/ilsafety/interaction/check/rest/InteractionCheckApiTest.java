package org.ilsafety.interaction.check.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The stateless check over HTTP, as a client would call it. */
@QuarkusTest
class InteractionCheckApiTest {

    static io.restassured.response.ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/interaction-checks").then();
    }

    @Test
    void aFullCheckAnswersFindingsWithProvenanceAndTheUnrecognisedInputs() {
        post("""
                {"therapy":{"drug":"tocilizumab","status":"ACTIVE"},
                 "medications":[{"name":"Humira"},{"rxnorm":"6851"},{"name":"metformin"},{"atc":"B01AA03"},{"name":"Tyenne","rxnorm":"612865"}],
                 "immunizations":[{"cvx":"03","date":"2026-11-20"},{"cvx":"187","date":"2026-11-20"},{"name":"hepatitis A","date":"2026-11-20"}],
                 "asOf":"2026-11-22"}
                """)
                .statusCode(200)
                .body("asOf", equalTo("2026-11-22"))
                .body("knowledgeVersion", startsWith("2026.11.2+"))
                .body("findings.category", contains("LIVE_VACCINE", "BIOLOGIC_DMARD", "CYP450_SUBSTRATE"))
                .body("findings[0].severity", equalTo("CONTRAINDICATED"))
                .body("findings[0].matched.ref", equalTo("immunizations[0]"))
                .body("findings[0].resolvedTo.cvx", equalTo("03"))
                .body("findings[1].resolvedTo.id", equalTo("adalimumab"))
                .body("findings[1].ruleId", equalTo("tocilizumab.biologic-dmard"))
                .body("findings[1].source", containsString("USPI"))
                .body("findings[1].mechanism", notNullValue())
                .body("findings[1].management", notNullValue())
                .body("findings[2].matched.atc", equalTo("B01AA03"))
                .body("findings[2].resolvedTo.id", equalTo("warfarin"))
                .body("unrecognized.ref", contains("medications[2]", "immunizations[2]"))
                .body("exposure.exposureWindowDays", equalTo(91));
    }

    @Test
    void tyenneListedWithActemraAsTheTherapyProductIsADuplicate() {
        post("""
                {"therapy":{"drug":"tocilizumab","product":"Actemra","status":"ACTIVE"},"medications":[{"name":"Tyenne 162 mg/0.9 mL"}],"asOf":"2026-11-22"}
                """)
                .statusCode(200)
                .body("findings", hasSize(1))
                .body("findings[0].category", equalTo("DUPLICATE_THERAPY"))
                .body("findings[0].resolvedTo.productId", equalTo("TYENNE"));
    }

    @Test
    void methotrexateAloneGivesNoFinding() {
        post("""
                {"therapy":{"drug":"tocilizumab","status":"ACTIVE"},"medications":[{"name":"Methotrexate"}]}
                """).statusCode(200).body("findings", empty()).body("unrecognized", empty()).body("asOf", notNullValue());
    }

    @ParameterizedTest(name = "vaccine on {0}: {1} finding(s)")
    @CsvSource({ "2026-04-02, 1", "2026-04-03, 0" })
    void theWindowEdgeOverHttp(String date, int findings) {
        post("""
                {"therapy":{"drug":"tocilizumab","status":"STOPPED","lastDoseDate":"2026-01-01"},
                 "immunizations":[{"cvx":"21","date":"%s"}],"asOf":"%s"}
                """.formatted(date, date)).statusCode(200).body("findings", hasSize(findings)).body("exposure.until", equalTo("2026-04-02"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no therapy                | {\"medications\":[{\"name\":\"Humira\"}]}                                                                  | therapy",
            "unknown drug              | {\"therapy\":{\"drug\":\"sarilumab\",\"status\":\"ACTIVE\"}}                                                 | therapy.drug",
            "missing status            | {\"therapy\":{\"drug\":\"anakinra\"}}                                                                     | therapy.status",
            "unknown status            | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"PAUSED\"}}                                                | therapy.status",
            "stopped without last dose | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"STOPPED\"}}                                               | therapy.lastDoseDate",
            "malformed last dose       | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"STOPPED\",\"lastDoseDate\":\"2026-13-01\"}}                | therapy.lastDoseDate",
            "malformed asOf            | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"ACTIVE\"},\"asOf\":\"yesterday\"}                          | asOf",
            "malformed rxnorm          | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"ACTIVE\"},\"medications\":[{\"rxnorm\":\"RX-12\"}]}        | medications[0].rxnorm",
            "malformed atc             | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"ACTIVE\"},\"medications\":[{\"atc\":\"12345\"}]}           | medications[0].atc",
            "empty medication          | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"ACTIVE\"},\"medications\":[{}]}                           | medications[0]",
            "malformed cvx             | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"ACTIVE\"},\"immunizations\":[{\"cvx\":\"MMR\",\"date\":\"2026-01-01\"}]} | immunizations[0].cvx",
            "immunization without date | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"ACTIVE\"},\"immunizations\":[{\"cvx\":\"03\"}]}          | immunizations[0].date",
            "malformed vaccination day | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"ACTIVE\"},\"immunizations\":[{\"cvx\":\"03\",\"date\":\"03/01/2026\"}]} | immunizations[0].date",
            "unknown field             | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"ACTIVE\",\"dose\":100}}                                  | therapy.dose",
            "year +999999999 as of     | {\"therapy\":{\"drug\":\"tocilizumab\",\"status\":\"ACTIVE\"},\"asOf\":\"+999999999-12-31\"} | asOf",
            "year -999999999 start     | {\"therapy\":{\"drug\":\"tocilizumab\",\"status\":\"ACTIVE\",\"startDate\":\"-999999999-01-01\"}} | therapy.startDate",
            "year +999999999 last dose | {\"therapy\":{\"drug\":\"tocilizumab\",\"status\":\"STOPPED\",\"lastDoseDate\":\"+999999999-12-31\"}} | therapy.lastDoseDate",
            "year +999999999 vaccine   | {\"therapy\":{\"drug\":\"anakinra\",\"status\":\"ACTIVE\"},\"immunizations\":[{\"cvx\":\"03\",\"date\":\"+999999999-12-31\"}]} | immunizations[0].date",
            "duplicate key             | {\"therapy\":{\"drug\":\"tocilizumab\",\"status\":\"ACTIVE\",\"status\":\"STOPPED\"}}   | therapy.status",
    })
    void badInputIsAProblemNamingTheField(String why, String body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/interaction-checks").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    /** Issue 19: conditions and allergies through the API: a Kineret allergy to E. coli proteins, a GI history raising an NSAID. */
    @Test
    void conditionsAndAllergiesAreCheckedAndACodeNeedsItsSystem() {
        post("""
                {"therapy":{"drug":"anakinra","status":"PLANNED"},"allergies":[{"name":"E. coli-derived proteins"}],"asOf":"2026-11-22"}
                """)
                .statusCode(200)
                .body("findings.ruleId", contains("anakinra.hypersensitivity"))
                .body("findings[0].severity", equalTo("CONTRAINDICATED"))
                .body("findings[0].matched.ref", equalTo("allergies[0]"));
        post("""
                {"therapy":{"drug":"tocilizumab","status":"ACTIVE"},"medications":[{"name":"ibuprofen"}],
                 "conditions":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"K57.32"}],"asOf":"2026-11-22"}
                """)
                .statusCode(200)
                .body("findings.ruleId", contains("tocilizumab.gi-perforation", "tocilizumab.gi-perforation-history"))
                .body("findings.severity", contains("MODERATE", "MODERATE"));
        post("""
                {"therapy":{"drug":"tocilizumab","status":"ACTIVE"},"conditions":[{"code":"K57.32"}]}
                """)
                .statusCode(400)
                .body("errors.field", hasItem("conditions[0].system"));
    }

    @Test
    void notJsonIsAProblemToo() {
        given().contentType(ContentType.JSON).body("{\"therapy\":").post("/api/v1/interaction-checks").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theKnowledgeEndpointNamesEveryFile() {
        given().get("/api/v1/interaction-knowledge").then().statusCode(200)
                .body("knowledgeVersion", startsWith("2026.11.2+"))
                .body("files.name", contains("products.yaml", "interactions/agents.yaml", "interactions/vaccines.yaml", "interactions/rules.yaml"));
    }
}
