package org.ilsafety.monitoring.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.ilsafety.testsupport.ApiFuzzer;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Generated and mutated requests to every monitoring endpoint ({@code -Dfuzz.requests=N}, default 1,000 each): never a 5xx. */
@QuarkusTest
class FuzzedInputApiTest {
    private static final int REQUESTS_PER_OPERATION = ApiFuzzer.requestsPerOperation();

    @TestHTTPResource("/")
    URL base;

    @Test
    void noRequestMakesTheServiceFail() throws Exception {
        ApiFuzzer fuzzer = ApiFuzzer.forService(base.toURI(), TestTokens.bearer("fuzz-caller", TestTokens.ALL_ROLES))
                .seed("POST", "/api/v1/lab-evaluations", """
                        {"drug":"tocilizumab","indication":"RA","route":"IV","context":"MAINTENANCE","results":[
                          {"code":"751-8","value":0.8,"unit":"10*9/L"},{"code":"1742-6","value":120,"unit":"U/L","referenceHigh":40}]}""",
                        """
                        {"drug":"anakinra","indication":"CAPS","route":"SC","context":"INITIATION","results":[
                          {"code":"777-3","value":90,"unit":"10*3/uL"}]}""")
                .seed("POST", "/api/v1/alerts/{id}/acknowledgement", "{\"reason\":\"Prescriber informed\"}")
                .seed("POST", "/api/v1/alerts/{id}/resolution", "{\"reason\":\"Therapy stopped\"}");
        List<ApiFuzzer.Report> failing = new ArrayList<>();
        long started = System.nanoTime();
        int operations = 0;
        for (ApiFuzzer.Operation operation : fuzzer.operations()) {
            ApiFuzzer.Report report = fuzzer.fuzz(operation, REQUESTS_PER_OPERATION, operation.toString().hashCode());
            System.out.println("fuzz " + report);
            operations++;
            if (!report.serverErrors().isEmpty() || !report.undocumented().isEmpty()) {
                failing.add(report);
            }
        }
        System.out.printf("fuzz: %d operations x %d requests in %.1f s%n", operations, REQUESTS_PER_OPERATION,
                (System.nanoTime() - started) / 1e9);
        assertTrue(operations >= 15, "every monitoring operation is fuzzed: " + operations);
        assertTrue(failing.isEmpty(), "5xx answers or statuses the OpenAPI document does not list: " + failing);
    }
}
