package org.ilsafety.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * Operations: each service's readiness, consumer lag per partition, consumed events per minute by outcome
 * and dead-letter reason, outbox backlog, the last dead letters (reason, topic, partition, offset; never a
 * payload), and the knowledge version each service runs with and whether shared files agree.
 */
@Path("/operations")
public class OperationsPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<SuiteApi.Service, String> KNOWLEDGE = Map.of(SuiteApi.Service.DOSING, "/api/v1/dosing-knowledge",
            SuiteApi.Service.MONITORING, "/api/v1/monitoring-knowledge", SuiteApi.Service.INTERACTION, "/api/v1/interaction-knowledge");

    private final Template operations;
    private final SuiteApi api;
    private final CurrentUser currentUser;

    public OperationsPage(@Location("operations.html") Template operations, SuiteApi api, CurrentUser currentUser) {
        this.operations = operations;
        this.api = api;
        this.currentUser = currentUser;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        SignedInUser user = currentUser.require();
        List<Map<String, Object>> services = new ArrayList<>();
        Map<String, Map<String, String>> fileVersions = new TreeMap<>();
        for (SuiteApi.Service service : SuiteApi.Service.values()) {
            Map<String, Object> view = new LinkedHashMap<>();
            for (String key : List.of("ops", "opsError", "deadLettered", "applied", "minutes", "relayedLastMinute", "relayedLastHour",
                    "knowledgeVersion", "knowledgeError")) {
                view.put(key, null);
            }
            view.put("name", service.label);
            JsonNode health = api.health(service);
            view.put("status", health.path("status").asText("UNKNOWN"));
            List<String> checks = new ArrayList<>();
            health.path("checks").forEach(c -> checks.add(c.path("name").asText() + ": " + c.path("status").asText()));
            view.put("checks", checks);
            try {
                JsonNode ops = api.get(service, "/api/v1/operations", Map.of("minutes", "60"), user.token());
                view.put("ops", JSON.convertValue(ops, Map.class));
                view.put("deadLettered", count(ops, "DEAD_LETTERED"));
                view.put("applied", count(ops, "APPLIED"));
                view.put("minutes", minutes(ops));
                JsonNode relayed = ops.path("relayedPerMinute");
                view.put("relayedLastMinute", relayed.isEmpty() ? 0 : relayed.get(relayed.size() - 1).path("events").asLong());
                long lastHour = 0;
                for (JsonNode minute : relayed) {
                    lastHour += minute.path("events").asLong();
                }
                view.put("relayedLastHour", lastHour);
            } catch (SuiteApi.ServiceError e) {
                view.put("opsError", e.getMessage());
            }
            try {
                JsonNode knowledge = api.get(service, KNOWLEDGE.get(service), Map.of(), user.token());
                view.put("knowledgeVersion", knowledge.path("knowledgeVersion").asText());
                for (JsonNode file : knowledge.path("files")) {
                    fileVersions.computeIfAbsent(file.path("name").asText(), k -> new LinkedHashMap<>()).put(service.label, fileVersion(file));
                }
            } catch (SuiteApi.ServiceError e) {
                view.put("knowledgeError", e.getMessage());
            }
            services.add(view);
        }
        List<Map<String, Object>> files = new ArrayList<>();
        boolean agree = true;
        for (var file : fileVersions.entrySet()) {
            boolean same = file.getValue().values().stream().distinct().count() == 1;
            agree &= same;
            files.add(Map.of("name", file.getKey(), "versions", file.getValue(), "agree", same, "shared", file.getValue().size() > 1));
        }
        return operations.data("user", user).data("page", "operations").data("title", "Operations").data("services", services)
                .data("files", files).data("agree", agree).data("noneShared", files.stream().noneMatch(f -> (Boolean) f.get("shared")));
    }

    /** dosing-service lists declaredVersion and sha256, the others version (declared + the hash's first 8 characters). */
    private static String fileVersion(JsonNode file) {
        if (file.has("version")) {
            return file.path("version").asText();
        }
        String sha = file.path("sha256").asText();
        return file.path("declaredVersion").asText() + "+" + sha.substring(0, Math.min(8, sha.length()));
    }

    private static long count(JsonNode ops, String outcome) {
        long total = 0;
        for (JsonNode minute : ops.path("eventsPerMinute")) {
            if (outcome.equals(minute.path("outcome").asText())) {
                total += minute.path("events").asLong();
            }
        }
        return total;
    }

    /** The last 15 minutes that had events, newest first: minute, then "outcome reason" and count. */
    private static List<Map<String, Object>> minutes(JsonNode ops) {
        Map<String, Map<String, Long>> byMinute = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (JsonNode row : ops.path("eventsPerMinute")) {
            String label = row.path("outcome").asText() + (row.path("reason").isTextual() ? " " + row.path("reason").asText() : "");
            byMinute.computeIfAbsent(row.path("minute").asText(), k -> new TreeMap<>()).merge(label, row.path("events").asLong(), Long::sum);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byMinute.entrySet().stream().limit(15).forEach(e -> rows.add(Map.of("minute", e.getKey(), "counts", e.getValue())));
        return rows;
    }
}
