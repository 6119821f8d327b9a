package org.ilsafety.console;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The alert worklist: open alerts across patients, most severe first, filtered and paged by
 * monitoring-service; acknowledge and resolve with a reason; a server-sent event stream tells the page
 * when the list changed, and the page fetches its rows again without a reload.
 */
@Path("/worklist")
public class WorklistResource {
    static final int PAGE_SIZE = 25;
    static final List<String> REASONS = List.of("Reviewed; plan adjusted", "Reviewed; no action needed", "Prescriber informed",
            "Repeat test ordered", "Patient contacted");
    static final List<String> STATUSES = List.of("OPEN", "ACKNOWLEDGED", "RESOLVED", "ALL");
    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MODERATE", "LOW");
    static final List<String> TYPES = List.of("LAB_ABNORMAL", "LAB_UNGRADABLE", "INFECTION", "SCREENING", "LAB_DUE", "LAB_OVERDUE", "PATIENT_MERGE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Template worklist;
    private final Template rows;
    private final SuiteApi api;
    private final CurrentUser currentUser;
    private final ConsoleSettings settings;

    public WorklistResource(@Location("worklist.html") Template worklist, @Location("worklist-rows.html") Template rows, SuiteApi api,
            CurrentUser currentUser, ConsoleSettings settings) {
        this.worklist = worklist;
        this.rows = rows;
        this.api = api;
        this.currentUser = currentUser;
        this.settings = settings;
    }

    /** The worklist's filters, as query parameters of the page and of its rows. */
    @io.quarkus.qute.TemplateData
    public static class Filters {
        @QueryParam("status")
        public String status;
        @QueryParam("severity")
        public String severity;
        @QueryParam("type")
        public String type;
        @QueryParam("rule")
        public String rule;
        @QueryParam("age")
        public String age;
        @QueryParam("patient")
        public String patient;
        @QueryParam("page")
        public Integer page;

        String statusOrOpen() {
            return status == null ? "OPEN" : status;
        }

        int pageNumber() {
            return page == null || page < 0 ? 0 : page;
        }

        Map<String, String> query(boolean clinical) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("status", "ALL".equals(statusOrOpen()) ? null : statusOrOpen());
            query.put("severity", severity);
            query.put("type", type);
            query.put("ruleId", rule);
            if (age != null && age.matches("\\d{1,4}")) {
                query.put("from", Instant.now().minus(Duration.ofHours(Long.parseLong(age))).toString());
            }
            query.put("patientId", clinical ? patient : null);
            query.put("sort", "severity");
            query.put("page", Integer.toString(pageNumber()));
            query.put("size", Integer.toString(PAGE_SIZE));
            return query;
        }

        /** The filters as a query string, without the page, for links and the live refresh. */
        public String withoutPage() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("status", status);
            values.put("severity", severity);
            values.put("type", type);
            values.put("rule", rule);
            values.put("age", age);
            values.put("patient", patient);
            return SuiteApi.queryString(values);
        }

        public String pageLink(int target) {
            String base = withoutPage();
            return "/worklist" + (base.isEmpty() ? "?" : base + "&") + "page=" + target;
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@BeanParam Filters filters) {
        SignedInUser user = currentUser.require();
        JsonNode alerts = api.get(SuiteApi.Service.MONITORING, "/api/v1/alerts", filters.query(user.clinical()), user.token());
        long total = alerts.path("total").asLong();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = filters.pageNumber();
        String base = filters.withoutPage();
        return worklist.data("user", user).data("page", "worklist").data("title", "Alert worklist").data("filters", filters)
                .data("alerts", items(alerts)).data("total", total).data("pageLabel", (current + 1) + " of " + pages)
                .data("previousLink", current > 0 ? filters.pageLink(current - 1) : null)
                .data("nextLink", current + 1 < pages ? filters.pageLink(current + 1) : null)
                .data("rowsLink", "/worklist/rows" + (base.isEmpty() ? "?" : base + "&") + "page=" + current)
                .data("reasons", REASONS).data("status", filters.statusOrOpen()).data("statuses", STATUSES).data("severities", SEVERITIES)
                .data("types", TYPES);
    }

    /** The table body alone, fetched by the page when the stream says the list changed. */
    @GET
    @Path("rows")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance rows(@BeanParam Filters filters) {
        SignedInUser user = currentUser.require();
        JsonNode alerts = api.get(SuiteApi.Service.MONITORING, "/api/v1/alerts", filters.query(user.clinical()), user.token());
        return rows.data("user", user).data("alerts", items(alerts)).data("reasons", REASONS).data("total", alerts.path("total").asLong());
    }

    /**
     * Server-sent events: "changed" whenever the open and acknowledged alerts differ from the last look
     * (polled from monitoring-service with the signed-in person's token).
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream() {
        String token = currentUser.require().token();
        String[] last = { null };
        return Multi.createFrom().ticks().every(settings.pollInterval()).onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> signature(token))
                .filter(signature -> signature != null && !Objects.equals(signature, last[0]))
                .map(signature -> {
                    last[0] = signature;
                    return "changed";
                });
    }

    private String signature(String token) {
        try {
            JsonNode open = api.get(SuiteApi.Service.MONITORING, "/api/v1/alerts", Map.of("status", "OPEN", "size", "100"), token);
            JsonNode acknowledged = api.get(SuiteApi.Service.MONITORING, "/api/v1/alerts", Map.of("status", "ACKNOWLEDGED", "size", "1"),
                    token);
            StringBuilder signature = new StringBuilder().append(open.path("total").asLong()).append('/')
                    .append(acknowledged.path("total").asLong());
            open.path("items").forEach(a -> signature.append(',').append(a.path("id").asText()).append(':').append(a.path("occurrences").asInt()));
            return signature.toString();
        } catch (SuiteApi.ServiceError e) {
            return null;
        }
    }

    @POST
    @Path("alerts/{id}/{action: acknowledgement|resolution}")
    public Response act(@PathParam("id") String id, @PathParam("action") String action, @FormParam("reason") String reason,
            @FormParam("back") String back) {
        SignedInUser user = currentUser.require();
        api.post(SuiteApi.Service.MONITORING, "/api/v1/alerts/" + SuiteApi.segment(id) + "/" + action, Map.of("reason", reason == null ? "" : reason),
                user.token());
        String target = back != null && back.startsWith("/worklist") ? back : "/worklist";
        return Response.seeOther(URI.create(target)).build();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(JsonNode page) {
        return JSON.convertValue(page.path("items"), List.class);
    }
}
