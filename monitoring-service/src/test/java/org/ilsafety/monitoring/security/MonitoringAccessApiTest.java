package org.ilsafety.monitoring.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;

import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.security.Roles;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.testsupport.AccessMatrix.Endpoint;
import org.ilsafety.testsupport.AccessTable;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Who may call which monitoring endpoint, what a dashboard sees, and the audit rows every access leaves. */
@QuarkusTest
class MonitoringAccessApiTest extends AccessTable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String UNKNOWN_ALERT = "00000000-0000-0000-0000-000000000000";
    private static final String EVALUATION = """
            {"drug":"tocilizumab","indication":"RA","route":"IV","context":"MAINTENANCE","results":[
              {"code":"751-8","value":0.8,"unit":"10*9/L"}]}""";

    static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.at("POST", "/api/v1/lab-evaluations", EVALUATION, Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.at("GET", "/api/v1/alerts", null, Roles.CLINICIAN, Roles.PHARMACIST, Roles.DASHBOARD),
            Endpoint.at("GET", "/api/v1/alert-burden", null, Roles.CLINICIAN, Roles.PHARMACIST, Roles.DASHBOARD),
            Endpoint.of("GET", "/api/v1/alerts/{id}", "/api/v1/alerts/" + UNKNOWN_ALERT, null, Roles.CLINICIAN, Roles.PHARMACIST, Roles.DASHBOARD),
            Endpoint.of("GET", "/api/v1/patients/{patientId}/alerts", "/api/v1/patients/acl-1/alerts", null, Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.of("POST", "/api/v1/alerts/{id}/acknowledgement", "/api/v1/alerts/" + UNKNOWN_ALERT + "/acknowledgement", "{}",
                    Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.of("POST", "/api/v1/alerts/{id}/resolution", "/api/v1/alerts/" + UNKNOWN_ALERT + "/resolution", "{}",
                    Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.of("GET", "/api/v1/patients/{patientId}/lab-results", "/api/v1/patients/acl-1/lab-results", null,
                    Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.of("GET", "/api/v1/patients/{patientId}/monitoring-schedule", "/api/v1/patients/acl-1/monitoring-schedule", null,
                    Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.of("GET", "/api/v1/patients/{patientId}/therapy", "/api/v1/patients/acl-1/therapy", null,
                    Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION),
            Endpoint.of("GET", "/api/v1/patients/{patientId}/inputs", "/api/v1/patients/acl-1/inputs", null,
                    Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION),
            Endpoint.at("GET", "/api/v1/monitoring-knowledge", null, Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION, Roles.DASHBOARD),
            Endpoint.at("GET", "/api/v1/operations", null, Roles.DASHBOARD, Roles.PHARMACIST, Roles.INTEGRATION),
            Endpoint.at("GET", "/api/v1/audit-events", null, Roles.PHARMACIST),
            Endpoint.at("GET", "/api/v1/audit-events/verification", null, Roles.PHARMACIST));

    @Override
    protected List<Endpoint> endpoints() {
        return ENDPOINTS;
    }

    @Test
    void aDashboardSeesAnInfectionAlertsSubjectAsAPseudonymNeverTheConditionId() {
        String patient = "acl-dash-infection";
        String condition = "MRN-4711-cond-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-acl-inf", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            bus.fhir(patient, MonitoringBus.condition(patient, condition, 1, "40733004", "active", "confirmed"));
            String alert = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0).alertId();
            given().get("/api/v1/alerts/{id}", alert).then().statusCode(200).body("subject", equalTo("INFECTION:" + condition));
            String dashboard = TestTokens.bearer("ward-board", "dashboard");
            // an answer to "this id" would link the id to its pseudonym: refused, saying which field
            given().header("Authorization", dashboard).get("/api/v1/alerts?patientId={p}", patient).then().statusCode(403)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("patientId"));
            given().header("Authorization", dashboard).get("/api/v1/alerts/{id}", alert).then().statusCode(200)
                    .body("subject", startsWith("INFECTION:p-")).body("subject", not(containsString("4711")));
            String page = given().header("Authorization", dashboard).get("/api/v1/alerts?size=500").then().statusCode(200).extract().asString();
            org.junit.jupiter.api.Assertions.assertFalse(page.contains(condition), "the dashboard never sees the source's Condition id");
        }
    }

    @Test
    void aDashboardSeesAlertsByPseudonymWithoutFreeTextAndEveryAccessIsAudited() {
        String patient = "acl-dash-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-acl-1", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "acl-plt-1", 1, "777-3", 70, "10*9/L", null, "2026-11-10T08:00:00Z"));
            String alert = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0).alertId();
            given().header("Authorization", TestTokens.bearer("nurse-acl", "clinician")).contentType(ContentType.JSON)
                    .body("{\"reason\":\"Told Ada Lovelace's daughter\"}")
                    .post("/api/v1/alerts/{id}/acknowledgement", alert).then().statusCode(200).body("acknowledgedBy", equalTo("nurse-acl"));

            String dashboard = TestTokens.bearer("ward-board", "dashboard");
            String page = given().header("Authorization", dashboard).get("/api/v1/alerts?size=500").then().statusCode(200)
                    .body("items.patientId", everyItem(startsWith("p-"))).extract().asString();
            org.junit.jupiter.api.Assertions.assertFalse(page.contains(patient), "the dashboard never sees the patient id");
            org.junit.jupiter.api.Assertions.assertFalse(page.contains("Lovelace"), "nor free text a person wrote");
            given().header("Authorization", dashboard).get("/api/v1/alerts/{id}", alert).then().statusCode(200)
                    .body("patientId", startsWith("p-")).body("acknowledgementReason", nullValue());
            given().get("/api/v1/alerts/{id}", alert).then().body("patientId", equalTo(patient))
                    .body("acknowledgementReason", containsString("Lovelace"));

            String pharmacist = TestTokens.bearer("pharmacist-acl", "pharmacist");
            given().header("Authorization", pharmacist).get("/api/v1/audit-events?subject=nurse-acl").then().statusCode(200)
                    .body("entries.action", hasItem("POST /api/v1/alerts/{id}/acknowledgement"))
                    .body("entries.target", hasItem("id=" + alert))
                    .body("entries.outcome", hasItem("HTTP 200"))
                    .body("entries.roles", hasItem("clinician"));
            given().header("Authorization", pharmacist).get("/api/v1/audit-events?subject=ward-board").then().statusCode(200)
                    .body("entries.action", hasItem("GET /api/v1/alerts/{id}"));
            String trail = given().header("Authorization", pharmacist).get("/api/v1/audit-events?patientId={p}&size=200", patient).then()
                    .statusCode(200)
                    .body("entries.channel", hasItem("EVENT"))
                    .body("entries.action", hasItem("CONSUME patient-events"))
                    .body("entries.target", hasItem(containsString("decisions=")))
                    .body("entries.patientPseudonym", everyItem(startsWith("p-")))
                    .extract().asString();
            org.junit.jupiter.api.Assertions.assertFalse(trail.contains(patient), "the audit trail holds pseudonyms, never the id");
            // refused requests are audited too
            given().header("Authorization", TestTokens.bearer("ward-board", "dashboard")).get("/api/v1/patients/{p}/alerts", patient)
                    .then().statusCode(403);
            // a refusal on the event loop is written off it, just after the answer
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", pharmacist)
                    .get("/api/v1/audit-events?subject=ward-board").then().body("entries.outcome", hasItem("HTTP 403")));
            given().header("Authorization", TestTokens.bearer("ward-board", "dashboard")).get("/api/v1/audit-events").then()
                    .statusCode(403);
            given().get("/api/v1/alerts?page=abc").then().statusCode(400).body(containsString("parameter"));
            // a path no endpoint serves: audited (its caller unverified, as no endpoint asked), never written out
            given().header("Authorization", TestTokens.bearer("lost-caller", "clinician")).get("/api/v1/patients/{p}/nothing-here", patient)
                    .then().statusCode(404);
            String lost = given().header("Authorization", pharmacist).get("/api/v1/audit-events?subject=anonymous&size=200").then()
                    .body("entries.action", hasItem("GET (no endpoint)")).extract().asString();
            org.junit.jupiter.api.Assertions.assertFalse(lost.contains(patient), "an unmatched path is not written into the audit trail");
            given().header("Authorization", pharmacist).get("/api/v1/audit-events?from=yesterday").then().statusCode(400)
                    .body(containsString("from")).body(not(containsString("yesterday")));
        }
    }
}
