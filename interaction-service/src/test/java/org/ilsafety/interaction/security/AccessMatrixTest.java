package org.ilsafety.interaction.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import org.ilsafety.common.security.Roles;
import org.ilsafety.stack.testing.DefaultTestCaller;
import org.ilsafety.stack.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call what, for every /api operation of this service (the CDS Hooks endpoints take the EHR's
 * token instead: CdsClientAuthenticationTest). No token, or an expired one, a stranger's, one for another
 * audience or signed with another key: 401 with a Bearer challenge. A role without access: 403. A role
 * with access: neither.
 */
@QuarkusTest
class AccessMatrixTest {
    static final String CHECK = """
            {"therapy":{"drug":"tocilizumab","status":"ACTIVE"},"medications":[{"name":"Humira"}],"asOf":"2026-11-22"}
            """;
    static final Set<String> CLINICAL = Set.of(Roles.CLINICIAN, Roles.PHARMACIST);
    static final Set<String> EVERY_ROLE = Set.of(Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION, Roles.DASHBOARD);

    record Endpoint(String method, String template, String path, String body, Set<String> roles) {
        @Override
        public String toString() {
            return method + " " + template;
        }

        Response send(RequestSpecification request) {
            return body == null ? request.request(method, path) : request.contentType(ContentType.JSON).body(body).request(method, path);
        }
    }

    /** The matrix: the roles that may call each operation (all others get 403). */
    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/interaction-checks", "/api/v1/interaction-checks", CHECK, CLINICAL),
            new Endpoint("GET", "/api/v1/patients/{patientId}/interaction-findings", "/api/v1/patients/p-matrix/interaction-findings", null,
                    CLINICAL),
            new Endpoint("GET", "/api/v1/patients/{patientId}/therapy", "/api/v1/patients/p-matrix/therapy", null,
                    Set.of(Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION)),
            new Endpoint("GET", "/api/v1/interaction-knowledge", "/api/v1/interaction-knowledge", null, EVERY_ROLE),
            new Endpoint("GET", "/api/v1/audit-events", "/api/v1/audit-events", null, Set.of(Roles.PHARMACIST)));

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    static Stream<Arguments> badTokens() {
        Map<String, Function<String[], String>> kinds = Map.of(
                "expired", TestTokens::expired,
                "wrong issuer", TestTokens::wrongIssuer,
                "wrong audience", TestTokens::wrongAudience,
                "wrong key", TestTokens::wrongKey,
                "the EHR's CDS Hooks token", roles -> TestTokens.ehr("il-safety-suite"));
        return ENDPOINTS.stream().flatMap(e -> kinds.entrySet().stream().map(k -> Arguments.of(e, k.getKey(), k.getValue().apply(TestTokens.ALL_ROLES))));
    }

    static Stream<Arguments> roles() {
        return ENDPOINTS.stream().flatMap(e -> Stream.of(Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION, Roles.DASHBOARD, "none")
                .map(role -> Arguments.of(e, role, e.roles().contains(role))));
    }

    @Test
    void theMatrixCoversEveryApiOperationOfTheService() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(method -> List.of("get", "post", "put", "delete", "patch").contains(method))
                .filter(method -> path.startsWith("/api"))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ENDPOINTS.stream().map(Endpoint::toString).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutATokenIs401WithABearerChallenge(Endpoint endpoint) {
        endpoint.send(given().header("Authorization", DefaultTestCaller.ANONYMOUS)).then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @ParameterizedTest(name = "{0} with a token {1}")
    @MethodSource("badTokens")
    void aTokenThatFailsVerificationIs401(Endpoint endpoint, String kind, String token) {
        endpoint.send(given().header("Authorization", "Bearer " + token)).then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0} as {1}: allowed {2}")
    @MethodSource("roles")
    void eachRoleGetsExactlyItsAccess(Endpoint endpoint, String role, boolean allowed) {
        String[] roles = role.equals("none") ? new String[0] : new String[] { role };
        int status = endpoint.send(given().header("Authorization", TestTokens.bearer("matrix-" + role, roles))).statusCode();
        if (allowed) {
            assertThat(status).as(endpoint + " as " + role).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(status).as(endpoint + " as " + role).isEqualTo(403);
        }
    }
}
