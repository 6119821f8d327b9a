package org.ilsafety.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.ilsafety.testsupport.AccessMatrix.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service's roles table as tests: every endpoint refuses every caller without a verified token (401), gives
 * each role exactly what the table says (403 otherwise), each answer is a status the OpenAPI document lists for the
 * operation, the table lists every operation of the document, and every operation follows the API conventions. A service's test extends it with {@code @QuarkusTest} and its table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AccessTable {
    /** The table: each endpoint and the roles that may call it. */
    protected abstract List<Endpoint> endpoints();

    /** The operations the table must list; a service leaves out its test-only endpoints. */
    protected Set<String> servedOperations() {
        return AccessMatrix.documentedApiOperations();
    }

    /** Each endpoint with the name of each refused caller. */
    Stream<Object[]> refusedCallers() {
        return endpoints().stream().flatMap(e -> AccessMatrix.refusedCallers().keySet().stream().map(kind -> new Object[] { e, kind }));
    }

    /** Each endpoint with each role and a token without any. */
    Stream<Object[]> roles() {
        return endpoints().stream().flatMap(e -> AccessMatrix.callers().stream().map(role -> new Object[] { e, role }));
    }

    @ParameterizedTest(name = "{0} with {1}: 401")
    @MethodSource("refusedCallers")
    void aCallerWithoutAVerifiedTokenIs401(Endpoint endpoint, String kind) {
        AccessMatrix.assertRefused(endpoint, AccessMatrix.refusedCallers().get(kind).get());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("roles")
    void eachRoleIsAllowedOrRefusedAsTheTableSays(Endpoint endpoint, String role) {
        AccessMatrix.assertRole(endpoint, role);
    }

    @Test
    void theTableListsEveryOperationOfTheService() {
        assertEquals(AccessMatrix.tabled(endpoints()), servedOperations(), "every endpoint has a row in the roles table");
    }

    /**
     * Every operation of the document (CDS Hooks included) has an operationId, summary, tag, security and the
     * problem+json schema on each error answer (see the root README's API conventions); test-only endpoints aside.
     */
    @Test
    void everyOperationFollowsTheApiConventions() {
        Set<String> testOnly = AccessMatrix.documentedApiOperations();
        testOnly.removeAll(servedOperations());
        Map<String, List<String>> violations = AccessMatrix.contract().violations();
        violations.keySet().removeAll(testOnly);
        assertEquals(Map.of(), violations, "operations that do not follow the API conventions");
    }
}
