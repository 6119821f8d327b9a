package org.ilsafety.dosing.plan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Plans started by REST: repeats, the weight band of a child, off-label regimens, overdue doses. */
@QuarkusTest
class TherapyPlanApiTest {
    @Inject
    TherapyPlans plans;

    @Inject
    PlanMeasurements measurements;

    @Inject
    OverdueDoseJob overdueDoses;

    static ValidatableResponse start(String patient, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/patients/" + patient + "/therapy-plan").then();
    }

    static JsonPath administer(String patient, String id, String at) {
        return given().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"administeredAt\":\"" + at + "\"}")
                .when().post("/api/v1/patients/" + patient + "/therapy-plan/administrations").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath plan(String patient) {
        return given().when().get("/api/v1/patients/" + patient + "/therapy-plan").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void crsRepeatsAreAtLeastEightHoursApartAndLimitedToFourDoses() {
        String patient = "rest-crs";
        start(patient, """
                {"product":"ACTEMRA","indication":"CRS","route":"IV","weight":{"value":25,"unit":"kg"},"ageYears":6,"startedAt":"2026-11-20T08:00:00Z"}
                """).statusCode(201).body("currentDose.doseMg", equalTo(300.0f)).body("currentDose.maxAdditionalDoses", equalTo(3));
        JsonPath first = administer(patient, "crs-1", "2026-11-20T08:00:00Z");
        assertEquals("2026-11-20T16:00:00Z", first.getString("earliestRepeatAt"));
        assertEquals(null, first.getString("nextDueAt"));
        assertFalse(first.getBoolean("reviewRequired"));
        JsonPath tooSoon = administer(patient, "crs-2", "2026-11-20T12:00:00Z");
        assertTrue(tooSoon.getBoolean("reviewRequired"));
        assertTrue(tooSoon.getString("history[-1].reason").contains("sooner than 8.0 hours"));
        administer(patient, "crs-3", "2026-11-20T20:00:00Z");
        JsonPath fourth = administer(patient, "crs-4", "2026-11-21T04:00:00Z");
        assertEquals(null, fourth.getString("earliestRepeatAt"), "no repeat after the fourth dose");
        JsonPath fifth = administer(patient, "crs-5", "2026-11-21T12:00:00Z");
        assertTrue(fifth.getString("history[-1].reason").contains("beyond the labeled 4 doses"));
        assertEquals(5, fifth.getInt("dosesGiven"));
        // The same administration twice is recorded once.
        assertEquals(5, administer(patient, "crs-5", "2026-11-21T12:00:00Z").getInt("dosesGiven"));
    }

    @Test
    void aChildsWeightBandChangesOnlyOnAConsistentChangeOfWeight() {
        String patient = "rest-band";
        start(patient, """
                {"product":"ACTEMRA","indication":"PJIA","route":"IV","weight":{"value":28,"unit":"kg"},"ageYears":8}
                """).statusCode(201).body("currentDose.doseMg", equalTo(280.0f));
        measurements.recordWeight(patient, "Observation/w1", Instant.parse("2026-10-01T08:00:00Z"), 29);
        assertEquals(290.0f, plan(patient).getFloat("currentDose.doseMg"), "inside the band the dose follows the weight");
        measurements.recordWeight(patient, "Observation/w2", Instant.parse("2026-10-10T08:00:00Z"), 31);
        JsonPath oneReading = plan(patient);
        assertEquals(29.0f, oneReading.getFloat("dosingWeightKg"), "one reading in another band moves nothing");
        assertEquals("tocilizumab.pjia.iv.under30", oneReading.getString("currentDose.ruleId"));
        measurements.recordWeight(patient, "Observation/w3", Instant.parse("2026-10-25T08:00:00Z"), 31.5);
        JsonPath changed = plan(patient);
        assertEquals(31.5f, changed.getFloat("dosingWeightKg"));
        assertEquals("tocilizumab.pjia.iv.30andover", changed.getString("currentDose.ruleId"));
        assertEquals(252.0f, changed.getFloat("currentDose.doseMg"));
        assertEquals("WEIGHT_BAND_CHANGED", changed.getString("history[-1].change"));
        assertEquals("plan.weight-band.consistent-change", changed.getString("history[-1].ruleId"));
    }

    @Test
    void aSecondStartIsAConflictAndAnUnlabeledStartIsRefused() {
        start("rest-twice", """
                {"drug":"anakinra","indication":"RA","route":"SC","weight":{"value":70,"unit":"kg"},"ageYears":50}
                """).statusCode(201).body("moleculeId", equalTo("anakinra")).body("currentDose.interval", equalTo("P1D"));
        start("rest-twice", """
                {"drug":"anakinra","indication":"RA","route":"SC","weight":{"value":70,"unit":"kg"},"ageYears":50}
                """).statusCode(409).contentType("application/problem+json");
        start("rest-ssc", """
                {"product":"ACTEMRA","indication":"SSC_ILD","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":50}
                """).statusCode(422).body("errors[0].field", equalTo("route"));
        given().when().get("/api/v1/patients/rest-ssc/therapy-plan").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"administeredAt\":\"2026-11-20T08:00:00Z\"}")
                .when().post("/api/v1/patients/rest-nobody/therapy-plan/administrations").then().statusCode(404);
    }

    @Test
    void anOffLabelPlanKeepsThePrescribersRegimenAndSaysSo() {
        start("rest-pmr", """
                {"product":"ACTEMRA","indication":"PMR","route":"SC","weight":{"value":70,"unit":"kg"},"ageYears":72,"offLabel":true,
                 "prescriberRegimen":{"doseMg":162,"interval":"P1W"}}
                """).statusCode(201)
                .body("offLabel", equalTo(true))
                .body("currentDose.ruleId", equalTo("offlabel.prescriber-entered"))
                .body("currentDose.interval", equalTo("P1W"))
                .body("history[0].ruleId", equalTo("offlabel.prescriber-entered"));
    }

    @Test
    void theWeightIsShownToATenthOfAKilogramAndStoredExactly() {
        String patient = "rest-pounds";
        start(patient, """
                {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":220,"unit":"lb"},"ageYears":55}
                """).statusCode(201)
                .body("dosingWeightKg", equalTo(99.8f))
                .body("currentDose.weightKg", equalTo(99.8f));
        assertEquals(220 * 0.45359237, plans.find(patient).orElseThrow().dosingWeightKg, 1e-9, "the stored dosing weight is exact");
        given().contentType(ContentType.JSON).body("""
                {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":220,"unit":"lb"},"ageYears":55}""")
                .when().post("/api/v1/dose-calculations").then().statusCode(200).body("weightKg", equalTo(99.8f));
    }

    @Test
    void aDoseNotGivenByItsDueTimeIsOverdue() {
        String patient = "rest-overdue";
        start(patient, """
                {"product":"ACTEMRA","indication":"GCA","route":"SC","weight":{"value":70,"unit":"kg"},"ageYears":70,"startedAt":"2026-01-01T08:00:00Z"}
                """).statusCode(201);
        JsonPath first = administer(patient, "gca-1", "2026-01-01T08:00:00Z");
        assertEquals("2026-01-08T08:00:00Z", first.getString("nextDueAt"));
        given().when().get("/api/v1/patients/" + patient + "/therapy-plan").then().statusCode(200)
                .body("overdue", equalTo(true))
                .body("missedDoses", greaterThanOrEqualTo(2))
                .body("currentDose.knowledgeVersion", org.hamcrest.Matchers.startsWith("2026.11.1+"));
        assertTrue(overdueDoses.flag(Instant.now()) >= 1);
        JsonPath flagged = plan(patient);
        assertEquals("plan.missed-dose.overdue", flagged.getString("history[-1].ruleId"));
        int entries = flagged.getList("history").size();
        overdueDoses.flag(Instant.now());
        assertEquals(entries, plan(patient).getList("history").size(), "a missed due time is flagged once");
        String current = "rest-current";
        start(current, """
                {"product":"ACTEMRA","indication":"GCA","route":"SC","weight":{"value":70,"unit":"kg"},"ageYears":70}
                """).statusCode(201);
        administer(current, "gca-now", Instant.now().toString());
        given().when().get("/api/v1/patients/" + current + "/therapy-plan").then().body("overdue", equalTo(false))
                .body("administrations[0].doseNumber", equalTo(1)).body("earliestRepeatAt", nullValue());
        assertEquals(List.of("STARTED", "DOSE_ADMINISTERED"), plan(current).getList("history.change"));
    }
}
