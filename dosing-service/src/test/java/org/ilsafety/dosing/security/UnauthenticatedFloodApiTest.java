package org.ilsafety.dosing.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ilsafety.common.audit.RefusedRequests;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A flood of bad tokens from one address: after the address's quota of 401s it gets 429 before any token
 * is verified, and the audit trail holds one row per endpoint and outcome with the count, not one per request.
 */
@QuarkusTest
@TestProfile(UnauthenticatedFloodApiTest.SmallQuota.class)
class UnauthenticatedFloodApiTest {
    private static final int QUOTA = 20;
    private static final int MAX_REQUESTS = 400;

    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the window is left to the test (flush), so the counts are deterministic
            return Map.of("suite.rate-limit.unauthenticated-per-minute", Integer.toString(QUOTA), "suite.jobs.refused-requests.every", "1h");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    RefusedRequests refused;

    @Test
    void badTokensAreThrottledByAddressAndAuditedAsCounts() throws SQLException {
        long rowsBefore = rows();
        Map<Integer, Integer> statuses = new HashMap<>();
        // The quota refills while the flood goes on (slowly, on a loaded machine), so the test counts what it saw.
        for (int i = 0; i < MAX_REQUESTS && statuses.getOrDefault(429, 0) < 5; i++) {
            int status = given().header("Authorization", "Bearer " + TestTokens.wrongKey("clinician")).when()
                    .get("/api/v1/dosing-knowledge").then().extract().statusCode();
            if (i < QUOTA) {
                assertEquals(401, status, "request " + (i + 1) + " is within the address's quota");
            }
            statuses.merge(status, 1, Integer::sum);
        }
        assertEquals(java.util.Set.of(401, 429), statuses.keySet(), statuses::toString);
        var throttled = given().header("Authorization", "Bearer " + TestTokens.wrongKey("clinician")).when().get("/api/v1/dosing-knowledge")
                .then().extract();
        statuses.merge(throttled.statusCode(), 1, Integer::sum);
        if (throttled.statusCode() == 429) {
            assertEquals("application/problem+json", throttled.contentType());
            assertTrue(Long.parseLong(throttled.header("Retry-After")) > 0);
        }
        // unauthenticated health checks are not throttled
        given().when().get("/q/health/live").then().statusCode(200);

        refused.flush();
        Map<String, String> counts = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT outcome, target FROM audit_event WHERE subject = 'anonymous' AND chain_seq > "
                        + chainBefore)) {
            while (rows.next()) {
                counts.merge(rows.getString(1), rows.getString(2), (a, b) -> a + "," + b);
            }
        }
        assertEquals("count=" + statuses.get(401), counts.get("HTTP 401"), () -> counts + " for " + statuses);
        assertEquals("count=" + statuses.get(429), counts.get("HTTP 429"), () -> counts + " for " + statuses);
        assertTrue(rows() - rowsBefore <= 3, "a handful of rows, not one per request");
    }

    private long chainBefore;

    private long rows() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*), coalesce(max(chain_seq), 0) FROM audit_event")) {
            count.next();
            if (chainBefore == 0) {
                chainBefore = count.getLong(2);
            }
            return count.getLong(1);
        }
    }
}
