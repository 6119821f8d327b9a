package org.ilsafety.dosing.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The suite's input limits through this service (body size 413, list items and string length 400, the
 * per-caller quota 429), and dosing's own tighter bounds: each refusal is a 400 problem naming the field.
 */
@QuarkusTest
class InputLimitsApiTest {
    private static final String PATIENT = "limits-1";
    private static final String CALCULATION = "/api/v1/dose-calculations";
    private static final String PLAN = "/api/v1/patients/" + PATIENT + "/therapy-plan";
    private static final String LABELED = """
            {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55}""";
    private static boolean planStarted;

    @BeforeEach
    void aPlanExists() {
        if (!planStarted) {
            planStarted = true;
            post(PLAN, LABELED).statusCode(oneOf(201, 409));
        }
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static String offLabel(String regimen) {
        return "{\"product\":\"ACTEMRA\",\"indication\":\"PMR\",\"route\":\"SC\",\"weight\":{\"value\":60,\"unit\":\"kg\"},\"ageYears\":70,"
                + "\"offLabel\":true,\"prescriberRegimen\":" + regimen + "}";
    }

    /** {@code N*c}: the character c repeated N times, so the table stays readable. */
    private static String expand(String text) {
        java.util.regex.Matcher repeat = java.util.regex.Pattern.compile("(\\d+)\\*(.)").matcher(text);
        StringBuilder out = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
        }
        return repeat.appendTail(out).toString();
    }

    @ParameterizedTest(name = "[{index}] {0}: {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            calculation | {"product":"33*A","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55}  | 400 | product
            calculation | {"drug":"33*a","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55}     | 400 | drug
            calculation | {"product":"ACTEMRA","indication":"33*R","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55} | 400 | indication
            calculation | {"product":"ACTEMRA","indication":"R A","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55} | 400 | indication
            calculation | {"product":"ACTEMRA","indication":"RA\\u0000","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55} | 400 | indication
            calculation | {"product":"ACTEMRA","indication":"RA","route":"9*I","weight":{"value":70,"unit":"kg"},"ageYears":55} | 400 | route
            calculation | {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"17*k"},"ageYears":55} | 400 | weight.unit
            calculation | {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":"NaN","unit":"kg"},"ageYears":55} | 400 | weight.value
            calculation | {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":"NaN"} | 400 | ageYears
            calculation | {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"value":700,"unit":"kg"},"ageYears":55} | 400 | weight.value
            calculation | {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55,"ageYears":5} | 400 | ageYears
            calculation | {"product":"KINERET","indication":"CAPS_NOMID","route":"SC","weight":{"value":30,"unit":"kg"},"ageYears":9,"mgPerKg":"NaN"} | 400 | mgPerKg
            calculation | {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55,"creatinineClearanceMlPerMin":"NaN"} | 400 | creatinineClearanceMlPerMin
            calculation | {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55,"creatinineClearanceMlPerMin":"Infinity"} | 400 | creatinineClearanceMlPerMin
            off-label   | {"doseMg":1000000,"interval":"P1W"}       | 400 | prescriberRegimen.doseMg
            off-label   | {"doseMg":"NaN","interval":"P1W"}         | 400 | prescriberRegimen.doseMg
            off-label   | {"mgPerKg":"Infinity","interval":"P1W"}   | 400 | prescriberRegimen.mgPerKg
            off-label   | {"mgPerKg":100,"interval":"P1W"}          | 400 | prescriberRegimen.mgPerKg
            off-label   | {"doseMg":162,"maxDoseMg":"NaN"}          | 400 | prescriberRegimen.maxDoseMg
            off-label   | {"doseMg":162,"interval":"P0D"}           | 400 | prescriberRegimen.interval
            off-label   | {"doseMg":162,"interval":"-P1W"}          | 400 | prescriberRegimen.interval
            off-label   | {"doseMg":162,"interval":"P999D"}         | 400 | prescriberRegimen.interval
            off-label   | {"doseMg":162,"interval":"P99999999999D"} | 400 | prescriberRegimen.interval
            off-label   | {"doseMg":162,"interval":"P13*01W"}       | 200 |
            off-label   | {"doseMg":162,"interval":"P14*01W"}       | 400 | prescriberRegimen.interval
            off-label   | {"doseMg":2000,"interval":"P52W"}         | 200 |
            """)
    void aCalculationOutsideTheBoundsIsRefusedNamingTheField(String kind, String body, int status, String field) {
        String json = expand(kind.equals("off-label") ? offLabel(body) : body);
        ValidatableResponse response = post(CALCULATION, json).statusCode(status);
        if (field != null) {
            response.contentType("application/problem+json").body("errors[0].field", equalTo(field));
        }
    }

    @ParameterizedTest(name = "[{index}] {0} {1}: {2} -> {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | 65*p               |                                                                                  | 400 | patientId
            GET  | p%20q              |                                                                                  | 400 | patientId
            GET  | p%00q              |                                                                                  | 400 | patientId
            GET  | 64*p               |                                                                                  | 404 |
            POST | 65*p               | {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55} | 400 | patientId
            POST | limits-2           | {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55,"startedAt":"1800-01-01T00:00:00Z"} | 400 | startedAt
            POST | limits-2           | {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55,"startedAt":"2999-01-01T00:00:00Z"} | 400 | startedAt
            POST | limits-2           | {"product":"ACTEMRA","indication":"33*P","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55,"offLabel":true,"prescriberRegimen":{"doseMg":162}} | 400 | indication
            POST | limits-1/administrations | {"id":"65*a"}                                                             | 400 | id
            POST | limits-1/administrations | {"id":"dose 1"}                                                           | 400 | id
            POST | limits-1/administrations | {"id":"limits-dose-1","doseMg":"NaN"}                                     | 400 | doseMg
            POST | limits-1/administrations | {"id":"limits-dose-1","doseMg":1000000}                                   | 400 | doseMg
            POST | limits-1/administrations | {"id":"limits-dose-1","administeredAt":"2999-01-01T00:00:00Z"}            | 400 | administeredAt
            POST | limits-1/administrations | {"id":"limits-dose-1","route":"9*S"}                                      | 400 | route
            POST | limits-1/administrations | {"id":"64*a","administeredAt":"2026-11-20T08:00:00Z","doseMg":560}        | 200 |
            """)
    void aPlanRequestOutsideTheBoundsIsRefusedNamingTheField(String method, String patientPath, String body, int status, String field) {
        String path = "/api/v1/patients/" + expand(patientPath).replaceFirst("^(limits-\\d)/", "$1/therapy-plan/")
                + (patientPath.contains("/") ? "" : "/therapy-plan");
        var request = given().urlEncodingEnabled(false);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(expand(body));
        }
        ValidatableResponse response = request.when().request(method, path).then().statusCode(status);
        if (field != null) {
            response.contentType("application/problem+json").body("errors[0].field", equalTo(field));
        }
    }

    @Test
    void aBodyOverTheSizeLimitIs413() {
        String padding = "x".repeat(9_000);
        String items = IntStream.range(0, 70).mapToObj(i -> "\"" + padding + "\"").collect(Collectors.joining(","));
        String body = "{\"administrationIds\":[" + items + "]}";
        assertEquals(true, body.length() > 512 * 1024, "the body exceeds 512K");
        given().contentType(ContentType.JSON).body(body).when().post(ListLimitProbeResource.PATH).then().statusCode(413);
    }

    @Test
    void aListOverFiveHundredItemsIs400NamingTheField() {
        String list500 = IntStream.range(0, 500).mapToObj(i -> "\"a" + i + "\"").collect(Collectors.joining(","));
        post(ListLimitProbeResource.PATH, "{\"administrationIds\":[" + list500 + "]}").statusCode(200).body(equalTo("500"));
        post(ListLimitProbeResource.PATH, "{\"administrationIds\":[" + list500 + ",\"one-more\"]}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("administrationIds"))
                .body("errors[0].reason", equalTo("holds more than the 500 items accepted"));
    }

    @Test
    void aStringOverTenThousandCharactersIs400() {
        // 10,000 characters pass the suite's limit and meet dosing's own bound (32).
        post(CALCULATION, LABELED.replace("\"RA\"", "\"" + "R".repeat(10_000) + "\"")).statusCode(400)
                .body("errors[0].field", equalTo("indication")).body("errors[0].reason", equalTo("size must be between 0 and 32"));
        // Over the suite's limit the parser itself stops reading: still a 400 naming the field.
        post(CALCULATION, LABELED.replace("\"RA\"", "\"" + "R".repeat(10_001) + "\""))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("indication"));
    }

    @Test
    void theSixthRequestOfALimitedCallerWithinAMinuteIs429WhileOthersGoOn() {
        String limited = TestTokens.bearer("rate-limited-caller", "clinician");
        String other = TestTokens.bearer("another-caller", "clinician");
        for (int i = 1; i <= 5; i++) {
            given().header("Authorization", limited).when().get("/api/v1/dosing-knowledge").then().statusCode(200);
            given().header("Authorization", other).when().get("/api/v1/dosing-knowledge").then().statusCode(200);
        }
        given().header("Authorization", limited).when().get("/api/v1/dosing-knowledge").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        for (int i = 0; i < 10; i++) {
            given().header("Authorization", other).when().get("/api/v1/dosing-knowledge").then().statusCode(200);
        }
        given().header("Authorization", limited).when().get("/api/v1/dosing-knowledge").then().statusCode(429);
    }
}
