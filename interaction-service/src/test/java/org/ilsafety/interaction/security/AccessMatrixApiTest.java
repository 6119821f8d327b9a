package org.ilsafety.interaction.security;

import java.util.List;

import org.ilsafety.common.security.Roles;
import org.ilsafety.testsupport.AccessMatrix.Endpoint;
import org.ilsafety.testsupport.AccessTable;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may call what, for every /api operation of this service (the CDS Hooks endpoints take the EHR's
 * token instead: CdsClientAuthenticationApiTest). No token, or an expired one, a stranger's, one for another
 * audience, signed with another key, or the EHR's: 401 with a Bearer challenge. A role without access: 403.
 * A role with access: neither.
 */
@QuarkusTest
class AccessMatrixApiTest extends AccessTable {
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
            Endpoint.of("GET", "/api/v1/patients/{patientId}/inputs", "/api/v1/patients/p-matrix/inputs", null,
                    Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION),
            Endpoint.at("GET", "/api/v1/interaction-findings", null, Roles.CLINICIAN, Roles.PHARMACIST, Roles.DASHBOARD),
            Endpoint.of("POST", "/api/v1/interaction-findings/{id}/acknowledgement",
                    "/api/v1/interaction-findings/6f1c1d1e-0000-4000-8000-000000000000/acknowledgement", "{\"reason\":\"Prescriber informed\"}",
                    Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.at("GET", "/api/v1/cds-feedback-summary", null, Roles.CLINICIAN, Roles.PHARMACIST, Roles.DASHBOARD),
            Endpoint.at("GET", "/api/v1/interaction-knowledge", null, Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION, Roles.DASHBOARD),
            Endpoint.at("GET", "/api/v1/operations", null, Roles.DASHBOARD, Roles.PHARMACIST, Roles.INTEGRATION),
            Endpoint.at("GET", "/api/v1/audit-events", null, Roles.PHARMACIST),
            Endpoint.at("GET", "/api/v1/audit-events/verification", null, Roles.PHARMACIST));

    @Override
    protected List<Endpoint> endpoints() {
        return ENDPOINTS;
    }
}
