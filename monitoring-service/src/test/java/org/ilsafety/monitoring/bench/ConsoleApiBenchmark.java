package org.ilsafety.monitoring.bench;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import org.ilsafety.monitoring.alert.AlertBurden;
import org.ilsafety.monitoring.alert.AlertQuery;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Not a test: the console's reads at hospital scale, run only with {@code -Dbench=true}. Loads
 * {@code -Dbench.alerts} alerts (100,000) and {@code -Dbench.labs} lab results (1,000,000) for {@code -Dbench.patients}
 * patients (5,000) straight into this service's PostgreSQL with SQL ({@code generate_series}), then calls the real service
 * over HTTP with real tokens, as the console does: the worklist (open alerts, most severe first, page 0, a deep page, with
 * filters, as a dashboard, and the live poll), a patient's timeline reads (lab results, alerts, schedule) and the alert
 * burden over 30 and 90 days. Prints p50/p95/p99/max per call over {@code -Dbench.calls} calls (200) after
 * {@code -Dbench.warmup} rounds (50) of every call, and the plans of the main queries (EXPLAIN ANALYZE).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ConsoleApiBenchmark {
    private static final List<String> RULES = List.of("TCZ-ANC-500-1000", "TCZ-ANC-UNDER-500", "TCZ-PLT-50-100K", "TCZ-LFT-1-3X",
            "TCZ-LFT-3-5X", "TCZ-INIT-ANC-LOW", "CRIT-ANC-UNDER-500", "CRIT-PLT-UNDER-50K", "CRIT-LFT-OVER-5", "AKR-ANC-NEUTROPENIA",
            "TCZ-SCHEDULE-ADULT", "SCREEN-TB", "INFECTION-TCZ");
    private static final List<String> REASONS = List.of("Prescriber informed", "Known, already on hold", "Repeat lab ordered",
            "Not clinically relevant", "Patient admitted, team aware", "Duplicate of an earlier alert");
    private static final String SEVERITY_ORDER = AlertQuery.SEVERITY_RANK;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void run() throws Exception {
        int patients = Integer.getInteger("bench.patients", 5_000);
        int alerts = Integer.getInteger("bench.alerts", 100_000);
        int labs = Integer.getInteger("bench.labs", 1_000_000);
        int calls = Integer.getInteger("bench.calls", 200);
        int warmup = Integer.getInteger("bench.warmup", 50);

        long loadStart = System.nanoTime();
        load(patients, alerts, labs);
        System.out.printf("bench: loaded %,d patients, %,d alerts, %,d lab results in %.1f s%n", patients, alerts, labs,
                (System.nanoTime() - loadStart) / 1e9);
        Map<String, Long> statuses = counts("SELECT status, count(*) FROM alert GROUP BY status");
        System.out.println("bench: alerts by status " + statuses);
        long open = statuses.getOrDefault("OPEN", 0L);
        int deepPage = (int) Math.max(0, open / 25 * 4 / 5);

        String clinician = TestTokens.bearer("bench-pharmacist", "pharmacist");
        String dashboard = TestTokens.bearer("bench-board", "dashboard");
        String hour = Instant.now().minus(Duration.ofDays(7)).toString();
        Map<String, IntFunction<String[]>> cases = new LinkedHashMap<>();
        cases.put("worklist: open, most severe first, page 0", i -> get(clinician, "/api/v1/alerts?status=OPEN&sort=severity&page=0&size=25"));
        cases.put("worklist: open, page " + deepPage + " (deep)",
                i -> get(clinician, "/api/v1/alerts?status=OPEN&sort=severity&page=" + deepPage + "&size=25"));
        cases.put("worklist: open, severity HIGH + rule", i -> get(clinician,
                "/api/v1/alerts?status=OPEN&severity=HIGH&ruleId=" + RULES.get(i % RULES.size()) + "&sort=severity&page=0&size=25"));
        cases.put("worklist: open, type LAB_ABNORMAL, last 7 days", i -> get(clinician,
                "/api/v1/alerts?status=OPEN&type=LAB_ABNORMAL&from=" + hour + "&sort=severity&page=0&size=25"));
        cases.put("worklist: open, one patient", i -> get(clinician, "/api/v1/alerts?status=OPEN&patientId=" + patient(i * 37 % patients)
                + "&sort=severity&page=0&size=25"));
        cases.put("worklist: all statuses, page 0", i -> get(clinician, "/api/v1/alerts?sort=severity&page=0&size=25"));
        cases.put("worklist: open, page 0, as dashboard (pseudonyms)",
                i -> get(dashboard, "/api/v1/alerts?status=OPEN&sort=severity&page=0&size=25"));
        cases.put("worklist live poll: open newest 100 + acknowledged count", i -> concat(get(clinician, "/api/v1/alerts?status=OPEN&size=100"),
                get(clinician, "/api/v1/alerts?status=ACKNOWLEDGED&size=1")));
        cases.put("timeline: lab-results?limit=1000", i -> get(clinician, "/api/v1/patients/" + patient(i * 37 % patients) + "/lab-results?limit=1000"));
        cases.put("timeline: patient alerts", i -> get(clinician, "/api/v1/patients/" + patient(i * 37 % patients) + "/alerts"));
        cases.put("timeline: monitoring-schedule", i -> get(clinician, "/api/v1/patients/" + patient(i * 37 % patients) + "/monitoring-schedule"));
        cases.put("burden: 30 days", i -> get(clinician, "/api/v1/alert-burden?from=" + Instant.now().minus(Duration.ofDays(30))));
        cases.put("burden: 90 days", i -> get(clinician, "/api/v1/alert-burden?from=" + Instant.now().minus(Duration.ofDays(90))));
        cases.put("burden: 90 days, as dashboard", i -> get(dashboard, "/api/v1/alert-burden?from=" + Instant.now().minus(Duration.ofDays(90))));

        System.out.printf("bench: %d calls per line after %d warm-up rounds of every call, one client, sequential%n", calls, warmup);
        System.out.printf("%-62s %8s %8s %8s %8s %10s%n", "call", "p50 ms", "p95 ms", "p99 ms", "max ms", "bytes");
        for (int i = 0; i < warmup; i++) {
            for (IntFunction<String[]> call : cases.values()) {
                call.apply(i); // every call warms up before the first is measured: the JIT compiles the shared paths
            }
        }
        for (var entry : cases.entrySet()) {
            double[] millis = new double[calls];
            long bytes = 0;
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                String[] answer = entry.getValue().apply(i);
                millis[i] = (System.nanoTime() - start) / 1e6;
                bytes += answer[0].length();
            }
            Arrays.sort(millis);
            System.out.printf("%-62s %8.1f %8.1f %8.1f %8.1f %10d%n", entry.getKey(), pct(millis, 50), pct(millis, 95), pct(millis, 99),
                    millis[calls - 1], bytes / calls);
        }
        if (!"false".equals(System.getProperty("bench.explain"))) {
            explain("worklist page 0", "SELECT * FROM alert WHERE status = 'OPEN' ORDER BY " + SEVERITY_ORDER + ", raised_at DESC, id LIMIT 25");
            explain("worklist deep page", "SELECT * FROM alert WHERE status = 'OPEN' ORDER BY " + SEVERITY_ORDER
                    + ", raised_at DESC, id OFFSET " + deepPage * 25 + " LIMIT 25");
            explain("worklist, all statuses", "SELECT * FROM alert ORDER BY " + SEVERITY_ORDER + ", raised_at DESC, id LIMIT 25");
            explain("live poll", "SELECT * FROM alert WHERE status = 'OPEN' ORDER BY raised_at DESC, id LIMIT 100");
            explain("worklist count", "SELECT count(*) FROM alert WHERE status = 'OPEN'");
            explain("worklist severity + rule", "SELECT * FROM alert WHERE status = 'OPEN' AND severity = 'HIGH' AND rule_id = '" + RULES.get(0)
                    + "' ORDER BY " + SEVERITY_ORDER + ", raised_at DESC, id LIMIT 25");
            explain("patient lab results", "SELECT * FROM lab_result WHERE patient_id = '" + patient(42) + "' ORDER BY observed_at DESC LIMIT 1000");
            explain("patient alerts", "SELECT * FROM alert WHERE patient_id = '" + patient(42) + "' ORDER BY raised_at DESC, id LIMIT 500");
            explain("burden 90 days", AlertBurden.SQL.replace("?1", "now() - interval '90 days'").replace("?2", "now()"));
        }
    }

    private static String patient(int n) {
        return "bench-" + String.format("%05d", n);
    }

    private String[] get(String token, String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + pathAndQuery))
                    .header("Authorization", token).header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
            }
            return new String[] { response.body() };
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return new String[] { a[0] + b[0] };
    }

    private static double pct(double[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    /**
     * Patients {@code bench-00000..}, each on tocilizumab IV for RA with three lab schedules; lab results spread over two years
     * (ANC, platelets, ALT, AST in turn); alerts spread over a year, rules, types and severities, most of them resolved, the
     * newest five of each patient active (open, or acknowledged with a reason), so the one-active-alert constraint holds; written
     * oldest first, as a service writes them over the years.
     */
    private void load(int patients, int alerts, int labs) throws SQLException {
        int labsPerPatient = Math.max(1, labs / patients);
        int alertsPerPatient = Math.max(1, alerts / patients);
        String rules = "ARRAY['" + String.join("','", RULES) + "']";
        String reasons = "ARRAY['" + String.join("','", REASONS) + "']";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("INSERT INTO active_therapy (patient_id, product_id, molecule_id, indication, route, status, started_at, last_dose_at, "
                    + "updated_at, knowledge_version) SELECT 'bench-' || lpad(p::text, 5, '0'), 'actemra-iv', 'tocilizumab', 'RA', 'IV', 'ACTIVE', "
                    + "now() - interval '2 years', now() - interval '10 days', now(), 'bench' FROM generate_series(0, " + (patients - 1) + ") p");
            s.execute("INSERT INTO lab_schedule (patient_id, lab_group, schedule_id, rule_id, started_at, last_result_at, due_at, overdue_at, active) "
                    + "SELECT 'bench-' || lpad(p::text, 5, '0'), g, 'TCZ-SCHEDULE-ADULT', 'TCZ-SCHEDULE-ADULT-' || g, now() - interval '2 years', "
                    + "now() - interval '20 days', now() + interval '10 days', now() + interval '24 days', true "
                    + "FROM generate_series(0, " + (patients - 1) + ") p, unnest(ARRAY['BLOOD_COUNT','LIVER','LIPIDS']) g");
            s.execute("SELECT setval('lab_result_seq', (SELECT COALESCE(max(id), 0) FROM lab_result) + 50, false)");
            s.execute("""
                    INSERT INTO lab_result (id, patient_id, observation_id, loinc, analyte, value, unit, reference_high, converted_value,
                        converted_unit, observed_at, received_at, status, grading_context, band, action, rule_id, knowledge_version, message)
                    SELECT nextval('lab_result_seq'), 'bench-' || lpad((n % PATIENTS)::text, 5, '0'), 'obs-bench-' || n,
                        (ARRAY['751-8','777-3','1742-6','1920-8'])[1 + r % 4], (ARRAY['ANC','PLATELETS','ALT','AST'])[1 + r % 4],
                        v, (ARRAY['10*3/uL','10*3/uL','U/L','U/L'])[1 + r % 4], CASE WHEN r % 4 >= 2 THEN 40 END, v,
                        (ARRAY['/mm3','/mm3','x ULN','x ULN'])[1 + r % 4],
                        now() - make_interval(secs => (r * 730.0 / PER_PATIENT) * 86400 + (n % 997) * 60),
                        now() - make_interval(secs => (r * 730.0 / PER_PATIENT) * 86400), 'GRADED', 'MAINTENANCE',
                        CASE WHEN n % 20 = 0 THEN 'INTERRUPT' ELSE 'CONTINUE' END, CASE WHEN n % 20 = 0 THEN 'INTERRUPT' ELSE 'CONTINUE' END,
                        'TCZ-ANC-OK', 'bench', 'Within the band'
                    FROM (SELECT n, n / PATIENTS AS r, 1 + (n % 7) * 0.5 AS v FROM generate_series(0, LAST) n) g
                    """.replace("PATIENTS", Integer.toString(patients)).replace("PER_PATIENT", Integer.toString(labsPerPatient))
                    .replace("LAST", Integer.toString(patients * labsPerPatient - 1)));
            s.execute("""
                    INSERT INTO alert (id, patient_id, type, subject, analyte, status, severity, action, message, rule_id, source, knowledge_version,
                        requires_individual_review, occurrences, raised_at, updated_at, last_observed_at, acknowledged_by, acknowledged_at,
                        acknowledgement_reason, resolved_at, resolved_by, resolution, version)
                    SELECT gen_random_uuid(), 'bench-' || lpad(p::text, 5, '0'), (ARRAY['LAB_ABNORMAL','LAB_DUE','LAB_OVERDUE','INFECTION','SCREENING'])[1 + k % 5],
                        'BENCH-' || k, 'ANC', st, (ARRAY['CRITICAL','HIGH','HIGH','HIGH','HIGH','MODERATE','MODERATE','MODERATE','MODERATE',
                        'MODERATE','MODERATE','MODERATE','MODERATE','LOW','LOW','LOW','LOW','LOW','LOW','LOW'])[1 + (p * 7 + k) % 20],
                        'MONITOR', 'Benchmark alert', rules[1 + (p + k * 3) % cardinality(rules)], 'lab-rules.yaml', 'bench', false, 1,
                        raised, raised, raised,
                        CASE WHEN st = 'ACKNOWLEDGED' OR (st = 'RESOLVED' AND (p + k) % 2 = 0) THEN 'pharm-' || (p % 40) END,
                        CASE WHEN st = 'ACKNOWLEDGED' OR (st = 'RESOLVED' AND (p + k) % 2 = 0) THEN raised + interval '2 hours' END,
                        CASE WHEN st = 'ACKNOWLEDGED' OR (st = 'RESOLVED' AND (p + k) % 2 = 0) THEN reasons[1 + (p + k) % cardinality(reasons)] END,
                        CASE WHEN st = 'RESOLVED' THEN raised + interval '1 day' END,
                        CASE WHEN st = 'RESOLVED' AND (p + k) % 5 < 2 THEN 'pharm-' || (p % 40) END,
                        CASE WHEN st = 'RESOLVED' AND (p + k) % 5 < 2 THEN reasons[1 + (p * 3 + k) % cardinality(reasons)]
                             WHEN st = 'RESOLVED' THEN 'A result of the group arrived' END, 0
                    FROM (SELECT p, k, RULES_ARRAY AS rules, REASONS_ARRAY AS reasons,
                            CASE WHEN k >= 5 THEN 'RESOLVED' WHEN (p + k) % 4 < 2 THEN 'OPEN' WHEN (p + k) % 4 = 2 THEN 'ACKNOWLEDGED' ELSE 'RESOLVED' END AS st,
                            now() - make_interval(secs => (k * 365.0 / PER_PATIENT) * 86400 + (p % 1440) * 60) AS raised
                          FROM generate_series(0, PATIENTS_MAX) p, generate_series(0, PER_PATIENT_MAX) k) g
                    ORDER BY raised
                    """.replace("RULES_ARRAY", rules).replace("REASONS_ARRAY", reasons).replace("PATIENTS_MAX", Integer.toString(patients - 1))
                    .replace("PER_PATIENT_MAX", Integer.toString(alertsPerPatient - 1)).replace("PER_PATIENT", Integer.toString(alertsPerPatient)));
            s.execute("VACUUM ANALYZE alert");
            s.execute("VACUUM ANALYZE lab_result");
            s.execute("VACUUM ANALYZE lab_schedule");
            s.execute("VACUUM ANALYZE active_therapy");
        }
    }

    private Map<String, Long> counts(String sql) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private void explain(String label, String sql) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            while (rows.next()) {
                plan.add(rows.getString(1));
            }
        }
        System.out.println("bench: EXPLAIN ANALYZE " + label + "\n  " + String.join("\n  ", plan));
    }
}
