package org.ilsafety.dosing.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.oneOf;

import java.util.List;
import java.util.Set;

import org.ilsafety.common.security.Roles;
import org.ilsafety.testsupport.AccessMatrix.Endpoint;
import org.ilsafety.testsupport.AccessTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Authentication and roles of every dosing-service endpoint, as one table: no token and every kind of
 * bad token are 401 with a Bearer challenge; each role the endpoint does not grant is 403; each role it
 * grants gets past security. The table must list every operation the OpenAPI document has.
 */
@QuarkusTest
class AccessControlApiTest extends AccessTable {
    private static final String PATIENT = "access-1";
    private static final String PLAN = "/api/v1/patients/" + PATIENT + "/therapy-plan";
    private static final String START = """
            {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55}""";

    static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.at("POST", "/api/v1/dose-calculations", START, Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.of("GET", "/api/v1/patients/{patientId}/therapy-plan", PLAN, null, Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION),
            Endpoint.of("POST", "/api/v1/patients/{patientId}/therapy-plan", PLAN, START, Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.of("POST", "/api/v1/patients/{patientId}/therapy-plan/review", PLAN + "/review", "{\"outcome\":\"RESUME\"}",
                    Roles.CLINICIAN, Roles.PHARMACIST),
            Endpoint.of("POST", "/api/v1/patients/{patientId}/therapy-plan/administrations", PLAN + "/administrations",
                    "{\"id\":\"access-dose-1\",\"administeredAt\":\"2026-11-20T08:00:00Z\"}",
                    Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION),
            Endpoint.of("GET", "/api/v1/patients/{patientId}/inputs", "/api/v1/patients/" + PATIENT + "/inputs", null,
                    Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION),
            Endpoint.at("GET", "/api/v1/dosing-knowledge", null, Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION, Roles.DASHBOARD),
            Endpoint.at("GET", "/api/v1/operations", null, Roles.DASHBOARD, Roles.PHARMACIST, Roles.INTEGRATION),
            Endpoint.of("GET", "/api/v1/audit-events", "/api/v1/audit-events?patientId=" + PATIENT, null, Roles.PHARMACIST),
            Endpoint.at("GET", "/api/v1/audit-events/verification", null, Roles.PHARMACIST));

    private static boolean planStarted;

    @BeforeEach
    void aPlanExists() {
        if (planStarted) {
            return;
        }
        planStarted = true;
        given().contentType(ContentType.JSON).body(START).when().post(PLAN).then().statusCode(oneOf(201, 409));
    }

    @Override
    protected List<Endpoint> endpoints() {
        return ENDPOINTS;
    }

    @Override
    protected Set<String> servedOperations() {
        Set<String> served = super.servedOperations();
        served.removeIf(operation -> operation.endsWith(ListLimitProbeResource.PATH));
        return served;
    }

    @Test
    void theSharedActiveTherapyEndpointIsNotServedByDosing() {
        // dosing-service keeps the therapy plan itself; the shared /therapy view is monitoring's and interaction's.
        given().when().get("/api/v1/patients/" + PATIENT + "/therapy").then().statusCode(404);
    }
}
