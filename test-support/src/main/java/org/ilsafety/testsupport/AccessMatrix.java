package org.ilsafety.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Proves who may call an endpoint of the service under test: without a token, and with an expired,
 * foreign-issuer, foreign-audience, foreign-key, malformed or CDS Hooks (EHR) token, it answers 401
 * problem+json with a Bearer challenge; a role without access, or a token without any role, gets 403;
 * each role with access gets past authentication and authorization without a server error.
 */
public final class AccessMatrix {
    /** The caller holding a verified token without any of the suite's roles. */
    public static final String NO_ROLE = "none";

    /** One operation: method, path template, the path called (parameters filled in), JSON body or null, and who may call it. */
    public record Endpoint(String method, String template, String path, String body, Set<String> allowed) {
        public static Endpoint of(String method, String template, String path, String body, String... allowed) {
            return new Endpoint(method, template, path, body, Set.of(allowed));
        }

        /** An operation without path parameters. */
        public static Endpoint at(String method, String path, String body, String... allowed) {
            return of(method, path, path, body, allowed);
        }

        ValidatableResponse call(String authorization) {
            RequestSpecification request = given().header("Authorization", authorization);
            if (body != null) {
                request.contentType("application/json").body(body);
            }
            return request.request(method, path).then();
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** The OpenAPI document of the service under test, per port (a test profile starts the service anew). */
    private static final Map<Integer, OpenApiContract> CONTRACTS = new ConcurrentHashMap<>();

    private AccessMatrix() {
    }

    /** Every way a caller is refused authentication, by name: the Authorization header to send. */
    public static Map<String, Supplier<String>> refusedCallers() {
        String[] all = TestTokens.ALL_ROLES;
        Map<String, Supplier<String>> refused = new LinkedHashMap<>();
        refused.put("no token", () -> DefaultTestCaller.ANONYMOUS);
        refused.put("expired", () -> "Bearer " + TestTokens.expired(all));
        refused.put("issued in the future", () -> "Bearer " + TestTokens.issuedInTheFuture(all));
        refused.put("ten-year lifetime", () -> "Bearer " + TestTokens.tenYearLifetime(all));
        refused.put("wrong issuer", () -> "Bearer " + TestTokens.wrongIssuer(all));
        refused.put("wrong audience", () -> "Bearer " + TestTokens.wrongAudience(all));
        refused.put("wrong key", () -> "Bearer " + TestTokens.wrongKey(all));
        refused.put("malformed", () -> "Bearer not-a-jwt");
        refused.put("the EHR's CDS Hooks token", () -> "Bearer " + TestTokens.ehr("il-safety-suite"));
        return refused;
    }

    /** Each suite role, and {@link #NO_ROLE}. */
    public static List<String> callers() {
        List<String> callers = new ArrayList<>(Arrays.asList(TestTokens.ALL_ROLES));
        callers.add(NO_ROLE);
        return callers;
    }

    public static void assertRefused(Endpoint endpoint, String authorization) {
        endpoint.call(authorization).statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json").body("status", equalTo(401));
        assertDocumented(endpoint, 401);
    }

    /** 403 problem for a role the endpoint does not grant; past security without a 5xx for one it grants. */
    public static void assertRole(Endpoint endpoint, String role) {
        String[] roles = NO_ROLE.equals(role) ? new String[0] : new String[] { role };
        ValidatableResponse response = endpoint.call(TestTokens.bearer("matrix-" + role, roles));
        if (endpoint.allowed().contains(role)) {
            response.statusCode(not(oneOf(401, 403))).statusCode(lessThan(500));
        } else {
            response.statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        }
        assertDocumented(endpoint, response.extract().statusCode());
    }

    /** The service's OpenAPI document, as its conventions check reads it. */
    public static OpenApiContract contract() {
        return new OpenApiContract(given().get("/q/openapi?format=json").then().statusCode(200).extract().as(JsonNode.class));
    }

    /** The operation's OpenAPI description lists the status it answered. */
    private static void assertDocumented(Endpoint endpoint, int status) {
        OpenApiContract contract = CONTRACTS.computeIfAbsent(RestAssured.port, port -> contract());
        assertEquals(Set.of(), contract.undocumented(endpoint.toString(), Set.of(status)),
                endpoint + " answered a status its OpenAPI description does not list");
    }

    /** The {@code /api} operations the service's OpenAPI document lists, as {@code METHOD /template}. */
    public static Set<String> documentedApiOperations() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath()
                .getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(method -> List.of("get", "post", "put", "delete", "patch").contains(method))
                .filter(method -> path.startsWith("/api"))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        return documented;
    }

    /** The operations a table names, in the form {@link #documentedApiOperations()} uses. */
    public static Set<String> tabled(List<Endpoint> endpoints) {
        Set<String> tabled = new TreeSet<>();
        endpoints.forEach(endpoint -> tabled.add(endpoint.toString()));
        return tabled;
    }
}
