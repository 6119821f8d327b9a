package org.ilsafety.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/** The monitoring rules with their source, verified flag and version, the unverified ones first. */
@Path("/knowledge")
public class KnowledgePage {
    private final Template knowledge;
    private final SuiteApi api;
    private final CurrentUser currentUser;

    public KnowledgePage(@Location("knowledge.html") Template knowledge, SuiteApi api, CurrentUser currentUser) {
        this.knowledge = knowledge;
        this.api = api;
        this.currentUser = currentUser;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        SignedInUser user = currentUser.require();
        JsonNode monitoring = api.get(SuiteApi.Service.MONITORING, "/api/v1/monitoring-knowledge", Map.of(), user.token());
        String version = monitoring.path("knowledgeVersion").asText();
        List<Map<String, Object>> rules = new ArrayList<>();
        for (JsonNode set : monitoring.path("labRules").path("ruleSets")) {
            for (JsonNode rule : set.path("rules")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", rule.path("id").asText());
                row.put("ruleSet", set.path("id").asText());
                row.put("scope", set.path("drug").asText() + " " + set.path("context").asText().toLowerCase() + " "
                        + String.join(", ", texts(set.path("indications"))));
                row.put("analytes", String.join(", ", texts(rule.path("analytes"))));
                row.put("band", rule.path("band").asText());
                row.put("action", rule.path("action").asText());
                row.put("verified", rule.path("verified").asBoolean());
                row.put("source", set.path("source").asText());
                row.put("version", version);
                rules.add(row);
            }
        }
        rules.sort(Comparator.comparing((Map<String, Object> r) -> (Boolean) r.get("verified")));
        long unverified = rules.stream().filter(r -> !(Boolean) r.get("verified")).count();
        return knowledge.data("user", user).data("page", "knowledge").data("title", "Knowledge").data("rules", rules)
                .data("unverified", unverified).data("version", version);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
