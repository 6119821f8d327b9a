package org.ilsafety.interaction.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.ilsafety.common.security.Roles;
import org.ilsafety.stack.testing.AccessMatrix;
import org.ilsafety.stack.testing.AccessMatrix.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may call what, for every /api operation of this service (the CDS Hooks endpoints take the EHR's
 * token instead: CdsClientAuthenticationTest). No token, or an expired one, a stranger's, one for another
 * audience, signed with another key, or the EHR's: 401 with a Bearer challenge. A role without access: 403.
 * A role with access: neither.
 */
@QuarkusTest
class AccessMatrixTest {
    static final String CHECK = """
            {"therapy":{"drug":"tocilizumab","status":"ACTIVE"},"medications":[{"name":"Humira"}],"asOf":"2026-11-22"}
            """;

    /** The matrix: the roles that may call each operation (all others get 403). */
    static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.at("POST", "/api/v1/interaction-checks", CHECK, Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.of("GET", "/api/v1/patients/{patientId}/interaction-findings", "/api/v1/patients/p-matrix/interaction-findings", null,
                    Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.of("GET", "/api/v1/patients/{patientId}/therapy", "/api/v1/patients/p-matrix/therapy", null,
                    Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION),
            Endpoint.at("GET", "/api/v1/interaction-knowledge", null, Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION, Roles.DASHBOARD),
            Endpoint.at("GET", "/api/v1/audit-events", null, Roles.PHARMACIST));

    static Stream<Arguments> refusedCallers() {
        return ENDPOINTS.stream().flatMap(e -> AccessMatrix.refusedCallers().keySet().stream().map(kind -> Arguments.of(e, kind)));
    }

    static Stream<Arguments> roles() {
        return ENDPOINTS.stream().flatMap(e -> AccessMatrix.callers().stream().map(role -> Arguments.of(e, role)));
    }

    @Test
    void theMatrixCoversEveryApiOperationOfTheService() {
        assertThat(AccessMatrix.documentedApiOperations()).containsExactlyInAnyOrderElementsOf(AccessMatrix.tabled(ENDPOINTS));
    }

    @ParameterizedTest(name = "{0} with {1}: 401")
    @MethodSource("refusedCallers")
    void aCallerWithoutAVerifiedTokenIs401(Endpoint endpoint, String kind) {
        AccessMatrix.assertRefused(endpoint, AccessMatrix.refusedCallers().get(kind).get());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("roles")
    void eachRoleGetsExactlyItsAccess(Endpoint endpoint, String role) {
        AccessMatrix.assertRole(endpoint, role);
    }
}
