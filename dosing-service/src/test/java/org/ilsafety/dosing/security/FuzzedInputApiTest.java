package org.ilsafety.dosing.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ilsafety.testsupport.ApiFuzzer;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * {@link ApiFuzzer#requestsPerOperation()} generated and mutated requests ({@code -Dfuzz.requests=N} for more) to every operation of dosing-service, mutated from valid seed
 * bodies (those of the REST tests) and from the OpenAPI schemas; no request may end in a 5xx. Prints
 * one report per operation (statuses and time).
 */
@QuarkusTest
class FuzzedInputApiTest {
    private static final int REQUESTS_PER_OPERATION = ApiFuzzer.requestsPerOperation();
    private static final long RANDOM_SEED = 20261122L;
    private static final int MAX_TIMEOUTS = 10;
    private static final String PLAN = "/api/v1/patients/{patientId}/therapy-plan";

    @Test
    void noGeneratedOrMutatedRequestEndsInAServerError() {
        ApiFuzzer fuzzer = ApiFuzzer.forService(URI.create("http://localhost:" + RestAssured.port),
                TestTokens.bearer("fuzz-caller", TestTokens.ALL_ROLES));
        String[] calculations = {
                """
                {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":105,"unit":"kg"},"ageYears":55,"step":"ESCALATED"}""",
                """
                {"drug":"tocilizumab","indication":"GCA","route":"SC","weight":{"value":70,"unit":"kg"},"ageYears":70}""",
                """
                {"product":"TYENNE","indication":"SJIA","route":"IV","weight":{"value":25,"unit":"kg"},"ageYears":6}""",
                """
                {"product":"ACTEMRA","indication":"CRS","route":"IV","weight":{"value":60,"unit":"lb"},"ageYears":8,"doseNumber":2}""",
                """
                {"product":"KINERET","indication":"CAPS_NOMID","route":"SC","weight":{"value":30,"unit":"kg"},"ageYears":9,"mgPerKg":2}""",
                """
                {"product":"KINERET","indication":"COVID_19","route":"SC","weight":{"value":80,"unit":"kg"},"ageYears":60,
                 "creatinineClearanceMlPerMin":25,"doseNumber":3}""",
                """
                {"product":"ACTEMRA","indication":"PMR","route":"SC","weight":{"value":60,"unit":"kg"},"ageYears":70,"offLabel":true,
                 "prescriberRegimen":{"doseMg":162,"interval":"P1W"}}""",
                """
                {"product":"ACTEMRA","indication":"PMR","route":"IV","weight":{"value":60,"unit":"kg"},"ageYears":70,"offLabel":true,
                 "prescriberRegimen":{"mgPerKg":4,"interval":"P4W","maxDoseMg":400}}""" };
        fuzzer.seed("POST", "/api/v1/dose-calculations", calculations);
        fuzzer.seed("POST", PLAN, calculations);
        fuzzer.seed("POST", PLAN, """
                {"product":"ACTEMRA","indication":"RA","route":"IV","weight":{"value":70,"unit":"kg"},"ageYears":55,
                 "startedAt":"2026-11-01T08:00:00Z"}""");
        fuzzer.seed("POST", PLAN + "/administrations",
                "{\"id\":\"fuzz-dose-1\",\"administeredAt\":\"2026-11-20T08:00:00Z\",\"doseMg\":560,\"route\":\"IV\"}",
                "{\"id\":\"fuzz-dose-2\",\"administeredAt\":\"2026-11-21T08:00:00Z\",\"doseMg\":162,\"route\":\"SC\"}",
                "{\"administeredAt\":\"2026-11-20T08:00:00Z\"}");
        fuzzer.seed("POST", PLAN + "/review", "{\"outcome\":\"RESUME\"}", "{\"outcome\":\"DISCONTINUE\"}");

        List<ApiFuzzer.Operation> operations = fuzzer.operations().stream()
                .filter(op -> !op.path().equals(ListLimitProbeResource.PATH)).toList();
        assertEquals(10, operations.size(), "every dosing operation, the audit trail and its verification, operations and patient inputs: " + operations);
        List<ApiFuzzer.Report> reports = new ArrayList<>();
        Map<Integer, Integer> overall = new TreeMap<>();
        long started = System.nanoTime();
        for (ApiFuzzer.Operation operation : operations) {
            long start = System.nanoTime();
            ApiFuzzer.Report report = fuzzer.fuzz(operation, REQUESTS_PER_OPERATION, RANDOM_SEED);
            long millis = (System.nanoTime() - start) / 1_000_000;
            reports.add(report);
            report.statuses().forEach((status, n) -> overall.merge(status, n, Integer::sum));
            System.out.printf("FUZZ %s in %d ms (%.0f req/s)%n", report, millis, report.sent() * 1000.0 / Math.max(1, millis));
            report.serverErrors().stream().limit(5).forEach(error -> System.out.println("FUZZ   " + error));
        }
        long total = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("FUZZ total: %d requests in %d ms, statuses %s%n", operations.size() * REQUESTS_PER_OPERATION, total, overall);
        for (ApiFuzzer.Report report : reports) {
            assertEquals(REQUESTS_PER_OPERATION, report.sent());
            assertTrue(report.serverErrors().isEmpty(), report.operation() + ": " + report.serverErrors().size() + " server errors, e.g. "
                    + report.serverErrors().subList(0, Math.min(3, report.serverErrors().size())));
            assertTrue(report.undocumented().isEmpty(), report.operation() + ": statuses the OpenAPI document does not list " + report.undocumented());
            // Requests not answered within 30 s: a hang (an unbounded computation) times out on every request that
            // reaches it; a machine busy with other builds may let one or two slip, which is no finding.
            int timedOut = report.unanswered().entrySet().stream().filter(e -> e.getKey().contains("Timeout"))
                    .mapToInt(Map.Entry::getValue).sum();
            assertTrue(timedOut < MAX_TIMEOUTS, report.operation() + ": unanswered " + report.unanswered());
        }
    }
}
