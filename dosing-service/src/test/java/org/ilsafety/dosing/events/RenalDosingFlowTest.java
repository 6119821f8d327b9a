package org.ilsafety.dosing.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19 item 4, through the broker and PostgreSQL: a Kineret plan reads creatinine clearance and eGFR Observations
 * from patient-events, gives the prescribed dose every other day under 30 mL/min (Kineret USPI 2.4), re-plans when a
 * reading crosses 30 mL/min, and names the value it used.
 */
@QuarkusTest
class RenalDosingFlowTest extends PlanFlowTestBase {
    static String renal(String patient, String id, String loinc, String comparator, double value, String unit, String effective) {
        String bound = comparator == null ? "" : "\"comparator\":\"" + comparator + "\",";
        return """
                {"resourceType":"Observation","id":"%s","meta":{"versionId":"1"},"status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},"subject":{"reference":"Patient/%s"},
                 "effectiveDateTime":"%s","valueQuantity":{%s"value":%s,"unit":"%s","system":"http://unitsofmeasure.org","code":"%s"}}
                """.formatted(id, loinc, patient, effective, bound, value, unit, unit);
    }

    static void weight(String patient, double kg) {
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.labObservation(patient, "wt-" + patient, 1, "29463-7", kg, "kg", null,
                "2026-11-01T08:00:00Z"));
    }

    static void kineretOrder(String patient) {
        kafka.send(Topics.PATIENT_EVENTS, patient, FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, "Kineret", "SC", "RA", "active",
                "2026-11-01"));
    }

    /** A reading on file before the order: the plan starts with it. */
    @ParameterizedTest(name = "{1} {2}{3} {4} before a Kineret RA order -> {5}, estimate {6}")
    @CsvSource(nullValues = "-", value = {
            "renal-crcl-25,    35591-7, -, 25, mL/min,            P2D, false",
            "renal-crcl24h-25, 2164-2,  -, 25, mL/min,            P2D, false",
            "renal-crcl-45,    35591-7, -, 45, mL/min,            P1D, false",
            "renal-egfr-25,    33914-3, -, 25, mL/min/{1.73_m2},  P2D, true",
            "renal-egfr-ckd,   98979-8, -, 22, mL/min/1.73m2,     P2D, true",
            "renal-egfr-gt60,  62238-1, >, 60, mL/min/{1.73_m2},  P1D, true",
            "renal-egfr-lt15,  48642-3, <, 15, mL/min/{1.73_m2},  P2D, true",
    })
    void aKineretPlanReadsTheRenalFunctionOnFile(String patient, String loinc, String comparator, double value, String unit, String interval,
            boolean estimate) {
        weight(patient, 70);
        kafka.send(Topics.PATIENT_EVENTS, patient, renal(patient, "renal-" + patient, loinc, comparator, value, unit, "2026-10-30T08:00:00Z"));
        kineretOrder(patient);
        awaitPlan(patient, "dosingWeightKg", 70.0f);
        awaitPlan(patient, "renalFunction.code", loinc);
        JsonPath started = plan(patient);
        assertEquals(interval, started.getString("currentDose.interval"));
        assertEquals(100.0f, started.getFloat("currentDose.doseMg"));
        assertEquals(estimate, started.getBoolean("renalFunction.estimate"));
        assertEquals(value, started.getDouble("renalFunction.mlPerMin"), 1e-9);
        assertEquals("2026-10-30T08:00:00Z", started.getString("renalFunction.measuredAt"));
        String used = started.getList("currentDose.warnings", String.class).stream().filter(w -> w.startsWith("Renal function used"))
                .findFirst().orElseThrow();
        assertTrue(used.contains("LOINC " + loinc) && used.contains("2026-10-30"), used);
        assertEquals(estimate, used.contains("estimate"), used);
        assertFalse(started.getBoolean("reviewRequired"));
    }

    /** The order first, then readings: the plan is re-planned each time a reading crosses 30 mL/min, and says which value. */
    @Test
    void aReadingCrossingThirtyReplansAndAnEnteredInErrorOneIsWithdrawn() {
        String patient = "renal-crossing";
        weight(patient, 70);
        kineretOrder(patient);
        awaitPlan(patient, "currentDose.interval", "P1D");
        JsonPath daily = plan(patient);
        assertNull(daily.get("renalFunction"));
        assertTrue(daily.getList("currentDose.warnings", String.class).stream().anyMatch(w -> w.startsWith("Creatinine clearance unknown")));

        kafka.send(Topics.PATIENT_EVENTS, patient, renal(patient, "crcl-1", "2164-2", null, 25, "mL/min", "2026-11-10T08:00:00Z"));
        awaitPlan(patient, "currentDose.interval", "P2D");
        JsonPath low = plan(patient);
        assertEquals("plan.renal.creatinine-clearance", low.getString("ruleId"));
        assertEquals("UPDATED", low.getString("history[-1].change"));
        assertTrue(low.getString("history[-1].reason").contains("creatinine clearance 25 mL/min (LOINC 2164-2, 2026-11-10)"),
                low.getString("history[-1].reason"));

        kafka.send(Topics.PATIENT_EVENTS, patient, renal(patient, "crcl-2", "2164-2", null, 28, "mL/min", "2026-11-12T08:00:00Z"));
        awaitPlan(patient, "renalFunction.mlPerMin", 28.0f);
        assertEquals(2, plan(patient).getList("history").size(), "a reading on the same side of 30 changes no interval and no history");

        kafka.send(Topics.PATIENT_EVENTS, patient, renal(patient, "crcl-3", "35591-7", null, 45, "mL/min", "2026-11-20T08:00:00Z"));
        awaitPlan(patient, "currentDose.interval", "P1D");
        assertEquals("35591-7", plan(patient).getString("renalFunction.code"));

        // The 45 mL/min result was entered in error: the plan goes back to the latest reading left (28 mL/min).
        kafka.send(Topics.PATIENT_EVENTS, patient, renal(patient, "crcl-3", "35591-7", null, 45, "mL/min", "2026-11-20T08:00:00Z")
                .replace("\"versionId\":\"1\"", "\"versionId\":\"2\"").replace("\"final\"", "\"entered-in-error\""));
        awaitPlan(patient, "currentDose.interval", "P2D");
        assertEquals(28.0f, plan(patient).getFloat("renalFunction.mlPerMin"));
    }

    /** A correct every-other-day Kineret order is not flagged when the clearance is under 30; without one it is. */
    @ParameterizedTest(name = "{0}: every-other-day order, CrCl {1} -> review {2}")
    @CsvSource(nullValues = "-", value = {
            "renal-eod-25, 25, false",
            "renal-eod-none, -, true",
    })
    void anEveryOtherDayOrderMatchesTheRenalInterval(String patient, Double crcl, boolean review) {
        weight(patient, 70);
        if (crcl != null) {
            kafka.send(Topics.PATIENT_EVENTS, patient, renal(patient, "crcl-" + patient, "35591-7", null, crcl, "mL/min", "2026-10-30T08:00:00Z"));
        }
        kafka.send(Topics.PATIENT_EVENTS, patient, """
                {"resourceType":"MedicationRequest","id":"mr-%s","meta":{"versionId":"1"},"status":"active","intent":"order",
                 "medicationCodeableConcept":{"text":"Kineret"},"subject":{"reference":"Patient/%s"},"authoredOn":"2026-11-01",
                 "reasonCode":[{"coding":[{"system":"%s","code":"RA"}]}],
                 "dosageInstruction":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"34206005"}]},
                   "timing":{"repeat":{"frequency":1,"period":2,"periodUnit":"d"}}}]}
                """.formatted(patient, patient, FhirFixtures.INDICATION_SYSTEM));
        awaitPlan(patient, "dosingWeightKg", 70.0f);
        JsonPath started = plan(patient);
        assertEquals(review, started.getBoolean("reviewRequired"));
        assertEquals(crcl == null ? "P1D" : "P2D", started.getString("currentDose.interval"));
    }

    /** The prescriber's REST request gives the clearance: the plan uses it and says so. */
    @Test
    void aRestStartWithACreatinineClearanceUnderThirtyIsEveryOtherDay() {
        String patient = "renal-rest";
        given().contentType(ContentType.JSON).body("""
                {"product":"KINERET","indication":"RA","route":"SC","weight":{"value":70,"unit":"kg"},"ageYears":60,
                 "creatinineClearanceMlPerMin":25}
                """).when().post("/api/v1/patients/" + patient + "/therapy-plan").then().statusCode(201);
        JsonPath started = plan(patient);
        assertEquals("P2D", started.getString("currentDose.interval"));
        assertNull(started.get("renalFunction.code"));
        assertTrue(started.getString("renalFunction.description").contains("given in the prescriber's request"),
                started.getString("renalFunction.description"));
    }
}
