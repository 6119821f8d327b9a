package org.ilsafety.dosing.calculation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The HTTP contract of the stateless calculation: fields, units and problem+json refusals. */
@QuarkusTest
class DoseCalculationApiTest {

    static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/dose-calculations").then();
    }

    @Test
    void anEscalatedRaInfusionAt105KgIsCappedWithVialsBagAndInfusionTime() {
        post("""
                {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":105,"unit":"kg"},"ageYears":55,"step":"ESCALATED"}
                """).statusCode(200)
                .body("doseMg", equalTo(800.0f))
                .body("mgPerKg", equalTo(8.0f))
                .body("weightKg", equalTo(105.0f))
                .body("capped", equalTo(true))
                .body("maxDoseMg", equalTo(800.0f))
                .body("interval", equalTo("P4W"))
                .body("volumeToDrawMl", equalTo(40.0f))
                .body("diluentBagMl", equalTo(100))
                .body("infusionMinutes", equalTo(60))
                .body("vials", hasSize(1))
                .body("vials[0].strengthMg", equalTo(400.0f))
                .body("vials[0].count", equalTo(2))
                .body("ruleId", equalTo("tocilizumab.ra.iv.escalated"))
                .body("source", containsString("USPI"))
                .body("knowledgeVersion", startsWith("2026.11.1+"));
    }

    @Test
    void gcaAt110KgIsCappedAt600() {
        post("""
                {"drug":"tocilizumab","indication":"GCA","route":"IV","weight":{"value":110,"unit":"kg"},"ageYears":72}
                """).statusCode(200).body("doseMg", equalTo(600.0f)).body("capped", equalTo(true)).body("productId", equalTo("ACTEMRA"));
    }

    @Test
    void poundsAreConverted() {
        post("""
                {"product":"TYENNE","indication":"RA","route":"SC","weight":{"value":220,"unit":"lb"},"ageYears":40}
                """).statusCode(200)
                .body("weightKg", equalTo(99.8f)) // 99.79032140000001 kg, shown to 0.1 kg
                .body("interval", equalTo("P2W"))
                .body("mgPerKg", nullValue())
                .body("syringeVolumeMl", equalTo(0.9f))
                .body("form", equalTo("tocilizumab-sc-162"))
                .body("volumeToDrawMl", nullValue());
    }

    @Test
    void crsRepeatsAreLimited() {
        post("""
                {"product":"ACTEMRA","indication":"CRS","route":"IV","weight":{"value":25,"unit":"kg"},"ageYears":6,"doseNumber":2}
                """).statusCode(200)
                .body("doseMg", equalTo(300.0f))
                .body("interval", nullValue())
                .body("repeat", containsString("only if no clinical improvement, at least 8 h after the previous"))
                .body("maxAdditionalDoses", equalTo(3))
                .body("remainingDoses", equalTo(2))
                .body("minHoursBetweenDoses", equalTo(8.0f))
                .body("diluentBagMl", equalTo(50));
    }

    @Test
    void anakinraTakesTheLowEndOfTheStartingRangeAndEveryOtherDayInRenalImpairment() {
        post("""
                {"product":"KINERET","indication":"CAPS_NOMID","route":"SC","weight":{"value":15,"unit":"kg"},"ageYears":4,"creatinineClearanceMlPerMin":25}
                """).statusCode(200).body("doseMg", equalTo(15.0f)).body("mgPerKg", equalTo(1.0f)).body("interval", equalTo("P2D"))
                .body("warnings.size()", equalTo(5)).body("measurable", equalTo(false))
                .body("warnings", org.hamcrest.Matchers.hasItem(startsWith("CANNOT BE MEASURED: 15 mg is below the smallest graduation")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SSc-ILD by IV | {\"product\":\"ACTEMRA\",\"indication\":\"SSC_ILD\",\"route\":\"IV\",\"weight\":{\"value\":60,\"unit\":\"kg\"},\"ageYears\":50} | 422 | route",
            "CRS by SC | {\"product\":\"ACTEMRA\",\"indication\":\"CRS\",\"route\":\"SC\",\"weight\":{\"value\":60,\"unit\":\"kg\"},\"ageYears\":50} | 422 | route",
            "Tofidence SC | {\"product\":\"TOFIDENCE\",\"indication\":\"RA\",\"route\":\"SC\",\"weight\":{\"value\":60,\"unit\":\"kg\"},\"ageYears\":50} | 422 | route",
            "Tofidence GCA | {\"product\":\"TOFIDENCE\",\"indication\":\"GCA\",\"route\":\"IV\",\"weight\":{\"value\":60,\"unit\":\"kg\"},\"ageYears\":70} | 422 | indication",
            "child under 2 | {\"product\":\"ACTEMRA\",\"indication\":\"SJIA\",\"route\":\"IV\",\"weight\":{\"value\":10,\"unit\":\"kg\"},\"ageYears\":1.5} | 422 | ageYears",
            "adult indication at 16 | {\"product\":\"ACTEMRA\",\"indication\":\"RA\",\"route\":\"IV\",\"weight\":{\"value\":60,\"unit\":\"kg\"},\"ageYears\":16} | 422 | ageYears",
            "PMR without off-label flag | {\"product\":\"ACTEMRA\",\"indication\":\"PMR\",\"route\":\"SC\",\"weight\":{\"value\":60,\"unit\":\"kg\"},\"ageYears\":70} | 422 | indication",
            "weight missing | {\"product\":\"ACTEMRA\",\"indication\":\"RA\",\"route\":\"IV\",\"ageYears\":50} | 400 | weight",
            "weight zero | {\"product\":\"ACTEMRA\",\"indication\":\"RA\",\"route\":\"IV\",\"weight\":{\"value\":0,\"unit\":\"kg\"},\"ageYears\":50} | 400 | weight.value",
            "weight negative | {\"product\":\"ACTEMRA\",\"indication\":\"RA\",\"route\":\"IV\",\"weight\":{\"value\":-70,\"unit\":\"kg\"},\"ageYears\":50} | 400 | weight.value",
            "weight implausible | {\"product\":\"ACTEMRA\",\"indication\":\"RA\",\"route\":\"IV\",\"weight\":{\"value\":900,\"unit\":\"kg\"},\"ageYears\":50} | 400 | weight.value",
            "unknown unit | {\"product\":\"ACTEMRA\",\"indication\":\"RA\",\"route\":\"IV\",\"weight\":{\"value\":11,\"unit\":\"stone\"},\"ageYears\":50} | 400 | weight.unit",
            "unit missing | {\"product\":\"ACTEMRA\",\"indication\":\"RA\",\"route\":\"IV\",\"weight\":{\"value\":70},\"ageYears\":50} | 400 | weight.unit",
            "mgPerKg outside the range | {\"product\":\"KINERET\",\"indication\":\"DIRA\",\"route\":\"SC\",\"weight\":{\"value\":20,\"unit\":\"kg\"},\"ageYears\":3,\"mgPerKg\":9} | 422 | mgPerKg",
            "fifth CRS dose | {\"product\":\"ACTEMRA\",\"indication\":\"CRS\",\"route\":\"IV\",\"weight\":{\"value\":60,\"unit\":\"kg\"},\"ageYears\":30,\"doseNumber\":5} | 422 | doseNumber",
            "unknown product | {\"product\":\"KEVZARA\",\"indication\":\"RA\",\"route\":\"SC\",\"weight\":{\"value\":60,\"unit\":\"kg\"},\"ageYears\":30} | 400 | product",
    })
    void refusalsAreProblemJsonNamingTheField(String name, String body, int status, String field) {
        post(body).statusCode(status)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].reason", notNullValue());
    }

    @Test
    void anUnknownFieldOrStepIsRefused() {
        post("""
                {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":60,"unit":"kg"},"ageYears":50,"dose":4}
                """).statusCode(400).contentType("application/problem+json");
        post("""
                {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":60,"unit":"kg"},"ageYears":50,"step":"DOUBLE"}
                """).statusCode(400).contentType("application/problem+json");
    }

    @Test
    void offLabelNeedsTheFlagAndThePrescribersRegimen() {
        post("""
                {"product":"ACTEMRA","indication":"PMR","route":"SC","weight":{"value":60,"unit":"kg"},"ageYears":70,"offLabel":true,
                 "prescriberRegimen":{"doseMg":162,"interval":"P1W"}}
                """).statusCode(200)
                .body("offLabel", equalTo(true))
                .body("ruleId", equalTo("offlabel.prescriber-entered"))
                .body("doseMg", equalTo(162.0f))
                .body("warnings[0]", startsWith("OFF-LABEL"));
    }

    @Test
    void theTrivialKnowledgeEndpointNamesTheVersion() {
        given().when().get("/api/v1/dosing-knowledge").then().statusCode(200)
                .body("knowledgeVersion", startsWith("2026.11.1+"))
                .body("files.name", org.hamcrest.Matchers.hasItems("dosing/regimens.yaml", "dosing/plan-rules.yaml"));
    }
}
