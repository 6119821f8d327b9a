package org.ilsafety.stack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.restassured.specification.RequestSpecification;

/**
 * Proves who may call an endpoint: without a token, and with an expired, foreign-issuer, foreign-audience
 * or foreign-key token, it answers 401 with a Bearer challenge; a role without access gets 403; each role
 * with access gets past authentication and authorization (any other status).
 */
public final class AccessMatrix {
    /** One endpoint: method, path (parameters filled in), JSON body or null, and the roles that may call it. */
    public record Endpoint(String method, String path, String body, Set<String> allowed) {
        public static Endpoint of(String method, String path, String body, String... allowed) {
            return new Endpoint(method, path, body, Set.of(allowed));
        }

        @Override
        public String toString() {
            return method + " " + path + " " + allowed;
        }
    }

    private AccessMatrix() {
    }

    public static void check(Endpoint endpoint) {
        String[] all = TestTokens.ALL_ROLES;
        List<Supplier<String>> refused = List.of(
                () -> DefaultTestCaller.ANONYMOUS,
                () -> "Bearer " + TestTokens.expired(all),
                () -> "Bearer " + TestTokens.wrongIssuer(all),
                () -> "Bearer " + TestTokens.wrongAudience(all),
                () -> "Bearer " + TestTokens.wrongKey(all),
                () -> "Bearer not-a-jwt");
        for (Supplier<String> token : refused) {
            request(endpoint, token.get()).then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        }
        for (String role : Arrays.asList(all)) {
            var response = request(endpoint, TestTokens.bearer("matrix-" + role, role)).then();
            if (endpoint.allowed().contains(role)) {
                response.statusCode(not(oneOf(401, 403)));
            } else {
                response.statusCode(403);
            }
        }
    }

    private static io.restassured.response.Response request(Endpoint endpoint, String authorization) {
        RequestSpecification request = given().header("Authorization", authorization);
        if (endpoint.body() != null) {
            request.contentType("application/json").body(endpoint.body());
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
