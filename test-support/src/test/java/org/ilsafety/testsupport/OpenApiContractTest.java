package org.ilsafety.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The conventions check fails for any operation that lacks what an integration team relies on. */
class OpenApiContractTest {
    private static final String COMPLETE = """
            {"operationId":"getPlan","summary":"Read a plan","tags":["Plan"],"security":[{"suiteBearer":["clinician"]}],
             "responses":{"200":{"description":"The plan"},
               "404":{"description":"No plan","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
               "414":{"description":"Request line too long"}}}""";

    static OpenApiContract contract(String getOperation, String postOperation) throws Exception {
        String document = """
                {"openapi":"3.1.0","servers":[{"url":"http://localhost:8081"}],"tags":[{"name":"Plan"}],
                 "components":{"schemas":{"Problem":{"type":"object"}},"securitySchemes":{"suiteBearer":{"type":"http","scheme":"bearer"}}},
                 "paths":{"/api/v1/plans/{id}":{"get":%s,"post":%s},"/q/health":{"get":{}}}}""".formatted(getOperation, postOperation);
        return new OpenApiContract(new ObjectMapper().readTree(document));
    }

    @Test
    void aCompleteOperationHasNoViolation() throws Exception {
        assertEquals(Map.of(), contract(COMPLETE, COMPLETE.replace("getPlan", "startPlan")).violations());
    }

    @Test
    void everyMissingPieceIsNamed() throws Exception {
        String bare = """
                {"tags":["Undefined"],"security":[{"apiKey":[]}],
                 "responses":{"400":{"description":"Bad"},"409":{"description":"Conflict","content":{"application/json":{"schema":{}}}}}}""";
        Map<String, List<String>> violations = contract(COMPLETE, bare).violations();
        assertEquals(Set.of("POST /api/v1/plans/{id}"), violations.keySet());
        assertEquals(List.of("no operationId", "no summary", "tag 'Undefined' is not defined at the top of the document",
                "security scheme 'apiKey' is not defined", "no 2xx answer", "400 has no body schema",
                "409 is not application/problem+json with the Problem schema"), violations.get("POST /api/v1/plans/{id}"));
    }

    @Test
    void aDuplicateOperationIdAndMissingSecurityAreViolations() throws Exception {
        JsonNode noSecurity = new ObjectMapper().readTree(COMPLETE);
        ((ObjectNode) noSecurity).remove("security");
        Map<String, List<String>> violations = contract(COMPLETE, noSecurity.toString()).violations();
        assertEquals(List.of("operationId getPlan also names GET /api/v1/plans/{id}", "no security requirement"),
                violations.get("POST /api/v1/plans/{id}"));
    }

    @Test
    void aLiveStatusTheOperationDoesNotListIsUndocumented() throws Exception {
        OpenApiContract contract = contract(COMPLETE, COMPLETE.replace("getPlan", "startPlan"));
        assertEquals(Set.of(400, 500), contract.undocumented("GET /api/v1/plans/{id}", Set.of(200, 400, 404, 414, 500)));
        assertEquals(Set.of(200), contract.undocumented("DELETE /api/v1/plans/{id}", Set.of(200)), "an operation the document lacks");
    }
}
