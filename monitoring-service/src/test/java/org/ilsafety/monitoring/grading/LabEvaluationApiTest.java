package org.ilsafety.monitoring.grading;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /api/v1/lab-evaluations: the stateless grading over HTTP, and problem+json for bad input. */
@QuarkusTest
class LabEvaluationApiTest {

    @Test
    void gradesEveryResultAndAnswersTheMostSevereAction() {
        given().contentType(ContentType.JSON).body("""
                {"drug":"tocilizumab","indication":"RA","route":"IV","context":"MAINTENANCE","results":[
                  {"code":"751-8","value":0.8,"unit":"10*9/L"},
                  {"code":"777-3","value":45,"unit":"10*3/uL"},
                  {"code":"1742-6","value":500,"unit":"U/L"},
                  {"code":"1234-5","value":1,"unit":"mg"}]}""")
                .post("/api/v1/lab-evaluations").then().statusCode(200)
                .body("action", equalTo("DISCONTINUE"))
                .body("findings", hasSize(4))
                .body("findings[0].analyte", equalTo("ANC"))
                .body("findings[0].value", equalTo(800.0f))
                .body("findings[0].unit", equalTo("/mm3"))
                .body("findings[0].band", equalTo("500 to 1000 /mm3"))
                .body("findings[0].action", equalTo("INTERRUPT"))
                .body("findings[0].ruleId", equalTo("TCZ-ANC-500-1000"))
                .body("findings[0].source", containsString("USPI"))
                .body("findings[0].knowledgeVersion", startsWith("2026.11.1+"))
                .body("findings[1].action", equalTo("DISCONTINUE"))
                .body("findings[2].status", equalTo("UNGRADABLE"))
                .body("findings[2].message", containsString("upper limit of normal"))
                .body("findings[3].status", equalTo("NOT_EVALUATED"));
    }

    @Test
    void initiationAnswersDoNotStart() {
        given().contentType(ContentType.JSON).body("""
                {"drug":"tocilizumab","indication":"GCA","route":"SC","context":"INITIATION","results":[
                  {"code":"1920-8","value":61,"unit":"U/L","referenceHigh":40}]}""")
                .post("/api/v1/lab-evaluations").then().statusCode(200)
                .body("action", equalTo("DO_NOT_START"))
                .body("findings[0].multipleOfUln", equalTo(1.525f));
    }

    @Test
    void pediatricIndicationsAskForIndividualReview() {
        given().contentType(ContentType.JSON).body("""
                {"drug":"tocilizumab","indication":"PJIA","route":"IV","context":"MAINTENANCE","results":[
                  {"code":"751-8","value":300,"unit":"/uL"}]}""")
                .post("/api/v1/lab-evaluations").then().statusCode(200)
                .body("action", equalTo("INTERRUPT"))
                .body("requiresIndividualReview", equalTo(true));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body("""
                {"drug":"adalimumab","indication":"RA","route":"IV","context":"MAINTENANCE","results":[{"code":"751-8","value":1,"unit":"/uL"}]}""")
                .post("/api/v1/lab-evaluations").then().statusCode(400).contentType(containsString("problem+json"))
                .body(containsString("drug"));
        given().contentType(ContentType.JSON).body("""
                {"drug":"tocilizumab","indication":"RA","route":"IV","context":"MAINTENANCE","results":[{"code":"751-8","value":-1,"unit":"/uL"}]}""")
                .post("/api/v1/lab-evaluations").then().statusCode(400).body(containsString("value"));
        given().contentType(ContentType.JSON).body("""
                {"drug":"tocilizumab","indication":"RA","route":"IV","context":"LATER","results":[{"code":"751-8","value":1,"unit":"/uL"}]}""")
                .post("/api/v1/lab-evaluations").then().statusCode(400);
        given().contentType(ContentType.JSON).body("""
                {"drug":"tocilizumab","indication":"RA","route":"IV","context":"MAINTENANCE","results":[]}""")
                .post("/api/v1/lab-evaluations").then().statusCode(400).body(containsString("results"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "value 1e400          | {\"code\":\"751-8\",\"value\":1e400,\"unit\":\"/uL\"}                          | value",
            "value Infinity       | {\"code\":\"751-8\",\"value\":\"Infinity\",\"unit\":\"/uL\"}                   | value",
            "referenceHigh 1e400  | {\"code\":\"1742-6\",\"value\":5000,\"unit\":\"U/L\",\"referenceHigh\":1e400}   | referenceHigh",
            "value NaN            | {\"code\":\"751-8\",\"value\":\"NaN\",\"unit\":\"/uL\"}                        | value",
            "referenceHigh -1e400 | {\"code\":\"1742-6\",\"value\":5000,\"unit\":\"U/L\",\"referenceHigh\":-1e400}  | referenceHigh",
    })
    void aNonFiniteValueOrLimitIsRefusedNamingTheFieldNeverGraded(String what, String result, String field) {
        given().contentType(ContentType.JSON).body("""
                {"drug":"tocilizumab","indication":"RA","route":"IV","context":"MAINTENANCE","results":[%s]}""".formatted(result))
                .post("/api/v1/lab-evaluations").then().statusCode(400).contentType(containsString("problem+json"))
                .body(containsString(field)).body(not(containsString("GRADED")));
    }
}
