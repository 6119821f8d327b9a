package org.ilsafety.console;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One worklist from two services: monitoring-service's alerts and interaction-service's findings, each read
 * sorted most severe first, then newest, and merged on one severity scale (the alerts' one):
 * CONTRAINDICATED = CRITICAL, MAJOR = HIGH, MODERATE = MODERATE, MINOR = LOW. A page p of n rows needs the
 * first (p + 1) * n rows of each service, so the merged list is paged up to {@link #MAX_ROWS} rows.
 */
@ApplicationScoped
public class WorklistEntries {
    static final int MAX_ROWS = 500;
    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MODERATE", "LOW");
    static final List<String> FINDING_SEVERITIES = List.of("CONTRAINDICATED", "MAJOR", "MODERATE", "MINOR");
    static final List<String> ALERT_TYPES = List.of("LAB_ABNORMAL", "LAB_UNGRADABLE", "INFECTION", "SCREENING", "LAB_DUE", "LAB_OVERDUE",
            "PATIENT_MERGE");
    static final List<String> FINDING_CATEGORIES = List.of("BIOLOGIC_DMARD", "LIVE_VACCINE", "HORMONAL_CONTRACEPTIVE", "CYP450_SUBSTRATE",
            "GI_PERFORATION_RISK", "DUPLICATE_THERAPY", "HYPERSENSITIVITY", "DEMYELINATING_DISEASE", "HEPATIC_DISEASE", "PREGNANCY_LACTATION");
    private static final Comparator<Map<String, Object>> ORDER = Comparator
            .comparingInt((Map<String, Object> row) -> SEVERITIES.indexOf((String) row.get("severity")))
            .thenComparing((Map<String, Object> row) -> instant(row.get("raisedAt")), Comparator.reverseOrder());

    private final SuiteApi api;

    public WorklistEntries(SuiteApi api) {
        this.api = api;
    }

    /** What the worklist asks each service; {@code kind}: alert, finding or null for both. */
    public record Query(String kind, String status, String severity, String type, String ruleId, String from, String patientId) {

        boolean alerts() {
            return !"finding".equals(kind) && (type == null || ALERT_TYPES.contains(type));
        }

        boolean findings() {
            return !"alert".equals(kind) && (type == null || FINDING_CATEGORIES.contains(type));
        }
    }

    /** One page of the merged list; {@code findingsError} says why findings are missing from it, if they are. */
    public record Page(List<Map<String, Object>> rows, long total, long alertTotal, long findingTotal, String findingsError) {
    }

    public Page page(Query query, int page, int size, String token) {
        int needed = Math.min(MAX_ROWS, (page + 1) * size);
        List<Map<String, Object>> rows = new ArrayList<>();
        long alertTotal = 0;
        long findingTotal = 0;
        String findingsError = null;
        if (query.alerts()) {
            JsonNode alerts = api.get(SuiteApi.Service.MONITORING, "/api/v1/alerts", alertQuery(query, needed), token);
            alertTotal = alerts.path("total").asLong();
            alerts.path("items").forEach(a -> rows.add(alertRow(a)));
        }
        if (query.findings()) {
            try {
                JsonNode findings = api.get(SuiteApi.Service.INTERACTION, "/api/v1/interaction-findings", findingQuery(query, needed), token);
                findingTotal = findings.path("total").asLong();
                findings.path("items").forEach(f -> rows.add(findingRow(f)));
            } catch (SuiteApi.ServiceError e) {
                findingsError = e.getMessage();
            }
        }
        rows.sort(ORDER);
        int from = Math.min(rows.size(), page * size);
        return new Page(List.copyOf(rows.subList(from, Math.min(rows.size(), from + size))), alertTotal + findingTotal, alertTotal,
                findingTotal, findingsError);
    }

    /** What changes when either list changes (new, acknowledged, resolved, closed), for the live stream; null when unreadable. */
    public String signature(String token) {
        StringBuilder signature = new StringBuilder();
        try {
            for (var service : List.of(SuiteApi.Service.MONITORING, SuiteApi.Service.INTERACTION)) {
                String path = service == SuiteApi.Service.MONITORING ? "/api/v1/alerts" : "/api/v1/interaction-findings";
                JsonNode open = api.get(service, path, Map.of("status", "OPEN", "size", "100"), token);
                JsonNode acknowledged = api.get(service, path, Map.of("status", "ACKNOWLEDGED", "size", "1"), token);
                signature.append(service.name()).append(open.path("total").asLong()).append('/').append(acknowledged.path("total").asLong());
                open.path("items").forEach(i -> signature.append(',').append(i.path("id").asText()).append(':').append(i.path("occurrences").asInt()));
            }
            return signature.toString();
        } catch (SuiteApi.ServiceError e) {
            return null;
        }
    }

    private static Instant instant(Object text) {
        try {
            return Instant.parse(String.valueOf(text));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static Map<String, String> alertQuery(Query query, int size) {
        Map<String, String> q = common(query, size);
        q.put("status", query.status());
        q.put("severity", query.severity());
        q.put("type", query.type());
        return q;
    }

    private static Map<String, String> findingQuery(Query query, int size) {
        Map<String, String> q = common(query, size);
        q.put("status", "RESOLVED".equals(query.status()) ? "CLOSED" : query.status());
        q.put("severity", query.severity() == null || !SEVERITIES.contains(query.severity()) ? null
                : FINDING_SEVERITIES.get(SEVERITIES.indexOf(query.severity())));
        q.put("category", query.type());
        return q;
    }

    private static Map<String, String> common(Query query, int size) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("ruleId", query.ruleId());
        q.put("from", query.from());
        q.put("patientId", query.patientId());
        q.put("sort", "severity");
        q.put("page", "0");
        q.put("size", Integer.toString(size));
        return q;
    }

    private static Map<String, Object> alertRow(JsonNode a) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", "alert");
        row.put("id", a.path("id").asText());
        row.put("patientId", a.path("patientId").asText());
        row.put("severity", a.path("severity").asText());
        row.put("severityLabel", a.path("severity").asText());
        row.put("title", a.path("type").asText() + (a.hasNonNull("analyte") ? " " + a.path("analyte").asText() : ""));
        row.put("message", a.path("message").asText(""));
        row.put("occurrences", a.path("occurrences").asInt(1));
        row.put("raisedAt", a.path("raisedAt").asText());
        row.put("status", a.path("status").asText());
        row.put("acknowledgedBy", a.hasNonNull("acknowledgedBy") ? a.path("acknowledgedBy").asText() : null);
        row.put("ruleId", a.hasNonNull("ruleId") ? a.path("ruleId").asText() : null);
        row.put("knowledgeVersion", a.path("knowledgeVersion").asText(""));
        row.put("actions", "RESOLVED".equals(a.path("status").asText()) ? List.of() : "OPEN".equals(a.path("status").asText())
                ? List.of("acknowledgement", "resolution") : List.of("resolution"));
        return row;
    }

    private static Map<String, Object> findingRow(JsonNode f) {
        String severity = f.path("severity").asText();
        int rank = FINDING_SEVERITIES.indexOf(severity);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", "finding");
        row.put("id", f.path("id").asText());
        row.put("patientId", f.path("patientId").asText());
        row.put("severity", rank < 0 ? "LOW" : SEVERITIES.get(rank));
        row.put("severityLabel", (rank < 0 ? "LOW" : SEVERITIES.get(rank)) + " (" + severity.toLowerCase() + ")");
        row.put("title", "INTERACTION " + f.path("category").asText());
        String input = f.hasNonNull("inputName") ? f.path("inputName").asText() + ": " : "";
        row.put("message", input + f.path("mechanism").asText("") + " " + f.path("management").asText(""));
        row.put("occurrences", 1);
        row.put("raisedAt", f.path("openedAt").asText());
        row.put("status", f.path("status").asText());
        row.put("acknowledgedBy", f.hasNonNull("acknowledgedBy") ? f.path("acknowledgedBy").asText() : null);
        row.put("ruleId", f.path("ruleId").asText());
        row.put("knowledgeVersion", f.path("knowledgeVersion").asText(""));
        row.put("actions", "OPEN".equals(f.path("status").asText()) ? List.of("acknowledgement") : List.of());
        return row;
    }
}
