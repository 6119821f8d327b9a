package org.ilsafety.dosing.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ilsafety.common.events.Topics;
import org.ilsafety.common.privacy.Pseudonymizer;
import org.ilsafety.testsupport.DefaultTestCaller;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The audit trail of dosing-service, read back through {@code GET /api/v1/audit-events} as a pharmacist:
 * a row for a read of patient data, for each change (naming the plan change or administration it
 * decided), for refused requests (401, 403) and for consumed events; rows hold the pseudonym, never the
 * patient id; the service role may only INSERT and SELECT it, and its hash chain shows the first row tampered with.
 */
@QuarkusTest
class AuditTrailApiTest {
    private static final String AUDIT = "/api/v1/audit-events";
    private static final String RA_IV = """
            {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55}""";
    static TestKafka kafka;

    @Inject
    Pseudonymizer pseudonyms;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static String plan(String patient) {
        return "/api/v1/patients/" + patient + "/therapy-plan";
    }

    /** The audit rows matching {@code query}, read as a pharmacist; the raw text is checked for the patient id too. */
    private static List<Map<String, Object>> rows(String query) {
        Response response = given().header("Authorization", TestTokens.bearer("audit-pharmacist", "pharmacist"))
                .when().get(AUDIT + "?size=200&" + query);
        response.then().statusCode(200);
        return response.jsonPath().getList("entries");
    }

    /** Waits until a row matching {@code match} is in the trail (refusals on the event loop are written off it). */
    private static Map<String, Object> awaitRow(String query, Predicate<Map<String, Object>> match) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> rows(query).stream().filter(match).findFirst(), Optional::isPresent).get();
    }

    private static Predicate<Map<String, Object>> row(String action, String outcome) {
        return r -> action.equals(r.get("action")) && outcome.equals(r.get("outcome"));
    }

    private long single(String sql, String patient) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, patient);
            try (ResultSet result = statement.executeQuery()) {
                assertTrue(result.next());
                return result.getLong(1);
            }
        }
    }

    @Test
    void aReadOfPatientDataIsAuditedWithThePseudonymNeverTheId() {
        String patient = "audit-read-1";
        given().contentType(ContentType.JSON).body(RA_IV).when().post(plan(patient)).then().statusCode(201);
        given().header("Authorization", TestTokens.bearer("audit-reader", "clinician")).when().get(plan(patient)).then().statusCode(200);

        Map<String, Object> read = awaitRow("patientId=" + patient,
                row("GET /api/v1/patients/{patientId}/therapy-plan", "HTTP 200").and(r -> "audit-reader".equals(r.get("subject"))));
        assertEquals("REQUEST", read.get("channel"));
        assertEquals("clinician", read.get("roles"));
        assertEquals(pseudonyms.of(patient), read.get("patientPseudonym"));
        assertNotNull(read.get("occurredAt"));

        // By subject, too; and no row of the trail carries the raw patient id.
        Map<String, Object> bySubject = awaitRow("subject=audit-reader", row("GET /api/v1/patients/{patientId}/therapy-plan", "HTTP 200"));
        assertEquals(pseudonyms.of(patient), bySubject.get("patientPseudonym"));
        String everything = given().header("Authorization", TestTokens.bearer("audit-pharmacist", "pharmacist"))
                .when().get(AUDIT + "?size=200&pseudonym=" + pseudonyms.of(patient)).then().statusCode(200).extract().asString();
        assertTrue(everything.contains(pseudonyms.of(patient)));
        assertFalse(everything.contains(patient), "the audit trail never holds the patient id");
    }

    @Test
    void startingAPlanAndRecordingADoseNameTheDecisionTheyMade() throws SQLException {
        String patient = "audit-change-1";
        given().header("Authorization", TestTokens.bearer("audit-prescriber", "clinician")).contentType(ContentType.JSON).body(RA_IV)
                .when().post(plan(patient)).then().statusCode(201);
        long startChange = single("SELECT max(id) FROM plan_change WHERE patient_id = ?", patient);
        given().header("Authorization", TestTokens.bearer("audit-bus", "integration")).contentType(ContentType.JSON)
                .body("{\"id\":\"audit-dose-1\",\"administeredAt\":\"2026-11-20T08:00:00Z\",\"doseMg\":280}")
                .when().post(plan(patient) + "/administrations").then().statusCode(200);
        long administration = single("SELECT id FROM plan_administration WHERE patient_id = ?", patient);

        Map<String, Object> start = awaitRow("patientId=" + patient, row("POST /api/v1/patients/{patientId}/therapy-plan", "HTTP 201"));
        assertEquals("audit-prescriber", start.get("subject"));
        assertEquals("decision=plan-change-" + startChange, start.get("target"));
        Map<String, Object> dose = awaitRow("patientId=" + patient,
                row("POST /api/v1/patients/{patientId}/therapy-plan/administrations", "HTTP 200"));
        assertEquals("audit-bus", dose.get("subject"));
        assertEquals("integration", dose.get("roles"));
        assertEquals("decision=administration-" + administration, dose.get("target"));
        assertEquals(pseudonyms.of(patient), dose.get("patientPseudonym"));
    }

    @Test
    void closingAReviewNamesThePlanChange() throws SQLException {
        String patient = "audit-review-1";
        given().contentType(ContentType.JSON).body("""
                {"product":"ACTEMRA","indication":"PJIA","route":"IV","weight":{"value":40,"unit":"kg"},"ageYears":10}""")
                .when().post(plan(patient)).then().statusCode(201);
        // The first SC dose switches a pJIA plan from IV, which the label does not confirm: a review is due.
        given().contentType(ContentType.JSON).body("{\"id\":\"audit-sc-1\",\"administeredAt\":\"2026-11-20T08:00:00Z\",\"route\":\"SC\"}")
                .when().post(plan(patient) + "/administrations").then().statusCode(200).body("reviewRequired", equalTo(true));
        given().header("Authorization", TestTokens.bearer("audit-reviewer", "pharmacist")).contentType(ContentType.JSON)
                .body("{\"outcome\":\"RESUME\"}").when().post(plan(patient) + "/review").then().statusCode(200);
        long reviewChange = single("SELECT max(id) FROM plan_change WHERE patient_id = ?", patient);

        Map<String, Object> review = awaitRow("subject=audit-reviewer",
                row("POST /api/v1/patients/{patientId}/therapy-plan/review", "HTTP 200"));
        assertEquals("decision=plan-change-" + reviewChange, review.get("target"));
        assertEquals(pseudonyms.of(patient), review.get("patientPseudonym"));
    }

    @Test
    void refusedRequestsAreAuditedToo() {
        String patient = "audit-refused-1";
        given().header("Authorization", DefaultTestCaller.ANONYMOUS).when().get(plan(patient)).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("audit-dashboard", "dashboard")).when().get(plan(patient)).then().statusCode(403);

        Map<String, Object> anonymous = awaitRow("patientId=" + patient, row("GET /api/v1/patients/{patientId}/therapy-plan", "HTTP 401"));
        assertEquals("anonymous", anonymous.get("subject"));
        assertEquals(pseudonyms.of(patient), anonymous.get("patientPseudonym"));
        Map<String, Object> dashboard = awaitRow("patientId=" + patient, row("GET /api/v1/patients/{patientId}/therapy-plan", "HTTP 403"));
        assertEquals("audit-dashboard", dashboard.get("subject"));
        assertEquals("dashboard", dashboard.get("roles"));
    }

    @Test
    void consumedEventsAreAuditedAppliedOrDeadLettered() {
        String patient = "audit-event-1";
        kafka.send(Topics.PATIENT_EVENTS, patient,
                FhirFixtures.medicationRequest(patient, "mr-audit-event-1", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
        Map<String, Object> applied = awaitRow("patientId=" + patient,
                r -> "EVENT".equals(r.get("channel")) && "APPLIED".equals(r.get("outcome")));
        assertTrue(((String) applied.get("action")).startsWith("CONSUME " + Topics.PATIENT_EVENTS), applied.toString());
        assertEquals("integration", applied.get("roles"));
        assertEquals(pseudonyms.of(patient), applied.get("patientPseudonym"));
        assertTrue(((String) applied.get("target")).startsWith(Topics.PATIENT_EVENTS + "-"), "the record's position");

        String poisoned = "audit-event-2";
        kafka.send(Topics.PATIENT_EVENTS, poisoned, "{not json");
        Map<String, Object> dead = awaitRow("patientId=" + poisoned, r -> "EVENT".equals(r.get("channel")));
        assertEquals("DEAD_LETTERED NOT_FHIR_JSON", dead.get("outcome"));
    }

    @ParameterizedTest(name = "{0} may not read the audit trail")
    @ValueSource(strings = { "clinician", "integration", "dashboard" })
    void onlyPharmacistsReadTheAuditTrail(String role) {
        given().header("Authorization", TestTokens.bearer("audit-" + role, role)).when().get(AUDIT).then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theServiceRoleMayOnlyInsertAndSelectTheAuditTrail() throws SQLException {
        given().when().get("/api/v1/dosing-knowledge").then().statusCode(200);
        long before;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            before = count(statement);
            assertTrue(before > 0);
            for (String tampering : List.of("UPDATE audit_event SET outcome = 'HTTP 200'", "DELETE FROM audit_event", "TRUNCATE audit_event",
                    "DROP TABLE audit_event", "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update",
                    "ALTER TABLE audit_event DISABLE TRIGGER ALL", "DROP TRIGGER audit_event_chain ON audit_event",
                    "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END; $$",
                    "CREATE TRIGGER sneak BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()",
                    "CREATE TABLE audit_shadow (id int)", "ALTER TABLE audit_event OWNER TO dosing", "SET ROLE dosing_owner")) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(tampering), tampering);
                assertEquals("42501", refused.getSQLState(), () -> tampering + ": " + refused.getMessage());
            }
            assertTrue(count(statement) >= before, "no row was removed");
        }
    }

    @Test
    void theTrailIsHashChainedAndVerificationFindsTheFirstBrokenLink() throws SQLException {
        String pharmacist = TestTokens.bearer("audit-pharmacist", "pharmacist");
        given().when().get("/api/v1/dosing-knowledge").then().statusCode(200);
        Response intact = given().header("Authorization", pharmacist).when().get(AUDIT + "/verification");
        intact.then().statusCode(200).body("intact", equalTo(true));
        assertTrue(intact.jsonPath().getLong("rowsChecked") > 0);
        assertEquals(64, intact.jsonPath().getString("lastHash").length());

        // The owner role (not the service's) can still tamper, as a DBA could: the chain shows where.
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try (Connection owner = java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class) + "?currentSchema=dosing",
                config.getValue("quarkus.flyway.username", String.class), config.getValue("quarkus.flyway.password", String.class));
                Statement statement = owner.createStatement()) {
            long victim;
            try (ResultSet middle = statement.executeQuery("SELECT chain_seq, id FROM audit_event ORDER BY chain_seq LIMIT 1 OFFSET 1")) {
                assertTrue(middle.next());
                victim = middle.getLong(1);
            }
            owner.setAutoCommit(false);
            statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
            statement.executeUpdate("UPDATE audit_event SET outcome = 'HTTP 200' WHERE chain_seq = " + victim);
            statement.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");
            owner.commit();

            given().header("Authorization", pharmacist).when().get(AUDIT + "/verification").then().statusCode(200)
                    .body("intact", equalTo(false)).body("firstBrokenLink.chainSeq", equalTo((int) victim))
                    .body("firstBrokenLink.problem", equalTo("ROW_ALTERED")).body("rowsChecked", equalTo((int) victim - 1));

            statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
            statement.executeUpdate("DELETE FROM audit_event WHERE chain_seq <= " + victim);
            statement.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");
            owner.commit();
        }
        given().header("Authorization", pharmacist).when().get(AUDIT + "/verification").then().statusCode(200)
                .body("intact", equalTo(false)).body("firstBrokenLink.problem", equalTo("ROWS_MISSING"))
                .body("rowsChecked", equalTo(0));
    }

    private static long count(Statement statement) throws SQLException {
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM audit_event")) {
            count.next();
            return count.getLong(1);
        }
    }
}
