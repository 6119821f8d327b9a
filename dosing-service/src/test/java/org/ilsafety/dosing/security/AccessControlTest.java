package org.ilsafety.dosing.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ilsafety.common.security.Roles;
import org.ilsafety.stack.testing.ApiFuzzer;
import org.ilsafety.stack.testing.DefaultTestCaller;
import org.ilsafety.stack.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Authentication and roles of every dosing-service endpoint, as one table: no token and every kind of
 * bad token are 401 with a Bearer challenge; each role the endpoint does not grant is 403; each role it
 * grants gets past security. The table must list every operation the OpenAPI document has.
 */
@QuarkusTest
class AccessControlTest {
    private static final String PATIENT = "access-1";
    /** A verified token that holds none of the suite's roles. */
    private static final String NO_ROLE = "no-role";
    private static final String START = """
            {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55}""";

    /** One operation and the roles that may call it. */
    record Endpoint(String method, String template, String path, String body, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + template;
        }

        ValidatableResponse call(String authorization) {
            RequestSpecification request = given().header("Authorization", authorization);
            if (body != null) {
                request = request.contentType(ContentType.JSON).body(body);
            }
            return request.when().request(method, path).then();
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/dose-calculations", "/api/v1/dose-calculations", START,
                    Set.of(Roles.CLINICIAN, Roles.PHARMACIST)),
            new Endpoint("GET", "/api/v1/patients/{patientId}/therapy-plan", "/api/v1/patients/" + PATIENT + "/therapy-plan", null,
                    Set.of(Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION)),
            new Endpoint("POST", "/api/v1/patients/{patientId}/therapy-plan", "/api/v1/patients/" + PATIENT + "/therapy-plan", START,
                    Set.of(Roles.CLINICIAN, Roles.PHARMACIST)),
            new Endpoint("POST", "/api/v1/patients/{patientId}/therapy-plan/review",
                    "/api/v1/patients/" + PATIENT + "/therapy-plan/review", "{\"outcome\":\"RESUME\"}",
                    Set.of(Roles.CLINICIAN, Roles.PHARMACIST)),
            new Endpoint("POST", "/api/v1/patients/{patientId}/therapy-plan/administrations",
                    "/api/v1/patients/" + PATIENT + "/therapy-plan/administrations",
                    "{\"id\":\"access-dose-1\",\"administeredAt\":\"2026-11-20T08:00:00Z\"}",
                    Set.of(Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION)),
            new Endpoint("GET", "/api/v1/dosing-knowledge", "/api/v1/dosing-knowledge", null,
                    Set.of(Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION, Roles.DASHBOARD)),
            new Endpoint("GET", "/api/v1/audit-events", "/api/v1/audit-events?patientId=" + PATIENT, null, Set.of(Roles.PHARMACIST)));

    enum BadToken {
        EXPIRED(TestTokens::expired),
        WRONG_ISSUER(TestTokens::wrongIssuer),
        WRONG_AUDIENCE(TestTokens::wrongAudience),
        WRONG_KEY(TestTokens::wrongKey),
        MALFORMED(roles -> "not-a-jwt");

        private final Function<String[], String> token;

        BadToken(Function<String[], String> token) {
            this.token = token;
        }

        String bearer() {
            return "Bearer " + token.apply(TestTokens.ALL_ROLES);
        }
    }

    private static boolean planStarted;

    @BeforeEach
    void aPlanExists() {
        if (planStarted) {
            return;
        }
        planStarted = true;
        given().contentType(ContentType.JSON).body(START).when().post("/api/v1/patients/" + PATIENT + "/therapy-plan")
                .then().statusCode(oneOf(201, 409));
    }

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    static Stream<Arguments> endpointsAndBadTokens() {
        return ENDPOINTS.stream().flatMap(e -> Arrays.stream(BadToken.values()).map(t -> Arguments.of(e, t)));
    }

    static Stream<Arguments> endpointsAndRoles() {
        return ENDPOINTS.stream().flatMap(e -> Stream.concat(Arrays.stream(TestTokens.ALL_ROLES), Stream.of(NO_ROLE))
                .map(role -> Arguments.of(e, role)));
    }

    @ParameterizedTest(name = "{0} without a token: 401")
    @MethodSource("endpoints")
    void withoutATokenEveryEndpointIs401WithABearerChallenge(Endpoint endpoint) {
        endpoint.call(DefaultTestCaller.ANONYMOUS)
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("status", equalTo(401));
    }

    @ParameterizedTest(name = "{0} with a {1} token: 401")
    @MethodSource("endpointsAndBadTokens")
    void aTokenThatFailsVerificationIs401(Endpoint endpoint, BadToken token) {
        endpoint.call(token.bearer())
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("endpointsAndRoles")
    void eachRoleIsAllowedOrRefusedAsTheTableSays(Endpoint endpoint, String role) {
        ValidatableResponse response = endpoint.call(NO_ROLE.equals(role) ? TestTokens.bearer("access-no-role")
                : TestTokens.bearer("access-" + role, role));
        if (endpoint.allowed().contains(role)) {
            response.statusCode(not(oneOf(401, 403)));
        } else {
            response.statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        }
    }

    @Test
    void theTableListsEveryOperationOfTheService() {
        ApiFuzzer api = ApiFuzzer.forService(URI.create("http://localhost:" + RestAssured.port),
                TestTokens.bearer("access-table", TestTokens.ALL_ROLES));
        Set<String> served = api.operations().stream().map(ApiFuzzer.Operation::toString)
                .filter(op -> !op.endsWith(ListLimitProbeResource.PATH)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> tabled = ENDPOINTS.stream().map(Endpoint::toString).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(tabled, served, "every endpoint has a row in the roles table");
    }

    @Test
    void theSharedActiveTherapyEndpointIsNotServedByDosing() {
        // dosing-service keeps the therapy plan itself; the shared /therapy view is monitoring's and interaction's.
        given().when().get("/api/v1/patients/" + PATIENT + "/therapy").then().statusCode(404);
    }
}
