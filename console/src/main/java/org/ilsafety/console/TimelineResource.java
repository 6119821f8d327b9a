package org.ilsafety.console;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * A patient's timeline: the therapy plan (doses given and due, holds, changes with the rule that caused
 * them), plots of ANC, platelets and ALT/AST with the label's bands behind them and the doses on the same
 * time axis, open alerts, interaction findings and the monitoring schedule.
 */
@Path("/patients")
public class TimelineResource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Template timeline;
    private final SuiteApi api;
    private final CurrentUser currentUser;

    public TimelineResource(@Location("timeline.html") Template timeline, SuiteApi api, CurrentUser currentUser) {
        this.timeline = timeline;
        this.api = api;
        this.currentUser = currentUser;
    }

    /** The patient search box of the worklist lands here. */
    @GET
    public Response find(@QueryParam("id") String id) {
        return Response.seeOther(URI.create(id == null || id.isBlank() ? "/worklist" : "/patients/" + SuiteApi.segment(id.trim()))).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @SuppressWarnings("unchecked")
    public TemplateInstance show(@PathParam("id") String id) throws JsonProcessingException {
        SignedInUser user = currentUser.require();
        String token = user.token();
        String patient = "/api/v1/patients/" + SuiteApi.segment(id);
        JsonNode labs = api.get(SuiteApi.Service.MONITORING, patient + "/lab-results", Map.of("limit", "1000"), token);
        JsonNode plan = optional(() -> api.get(SuiteApi.Service.DOSING, patient + "/therapy-plan", Map.of(), token));
        JsonNode alerts = api.get(SuiteApi.Service.MONITORING, patient + "/alerts", Map.of(), token);
        JsonNode findings = optional(() -> api.get(SuiteApi.Service.INTERACTION, patient + "/interaction-findings", Map.of(), token));
        JsonNode schedule = optional(() -> api.get(SuiteApi.Service.MONITORING, patient + "/monitoring-schedule", Map.of(), token));
        JsonNode knowledge = api.get(SuiteApi.Service.MONITORING, "/api/v1/monitoring-knowledge", Map.of(), token);
        Map<String, Object> charts = TimelineCharts.build(labs, plan, knowledge);
        // </ never ends the script element the data sits in
        String chartJson = JSON.writeValueAsString(charts).replace("</", "<\\/");
        return timeline.data("user", user).data("page", "timeline").data("title", "Patient " + id).data("patientId", id)
                .data("plan", map(plan)).data("labs", map(labs)).data("alerts", list(alerts)).data("findings", map(findings))
                .data("schedule", map(schedule)).data("charts", charts).data("chartJson", chartJson)
                .data("plots", TimelineCharts.PLOTS).data("ruleSet", ((List<Map<String, Object>>) charts.get("plots")).get(0).get("ruleSet"));
    }

    private static JsonNode optional(java.util.function.Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (SuiteApi.ServiceError e) {
            if (e.status == 404) {
                return null;
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return node == null ? null : JSON.convertValue(node, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(JsonNode node) {
        return node == null ? List.of() : JSON.convertValue(node, List.class);
    }
}
