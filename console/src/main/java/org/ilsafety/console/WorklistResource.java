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

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The worklist: open alerts (monitoring-service) and interaction findings (interaction-service) across
 * patients in one list, most severe first, filtered and paged ({@link WorklistEntries}); acknowledge and
 * resolve alerts, acknowledge findings, with a reason; a server-sent event stream tells the page when
 * either list changed, and the page fetches its rows again without a reload.
 */
@Path("/worklist")
public class WorklistResource {
    static final int PAGE_SIZE = 25;
    /** The merged list is paged over its first {@link WorklistEntries#MAX_ROWS} rows. */
    static final int MAX_PAGES = WorklistEntries.MAX_ROWS / PAGE_SIZE;
    static final List<String> REASONS = List.of("Reviewed; plan adjusted", "Reviewed; no action needed", "Prescriber informed",
            "Repeat test ordered", "Patient contacted");
    static final List<String> STATUSES = List.of("OPEN", "ACKNOWLEDGED", "RESOLVED", "ALL");
    static final List<String> KINDS = List.of("alert", "finding");

    private final Template worklist;
    private final Template rows;
    private final SuiteApi api;
    private final WorklistEntries entries;
    private final CurrentUser currentUser;
    private final ConsoleSettings settings;

    public WorklistResource(@Location("worklist.html") Template worklist, @Location("worklist-rows.html") Template rows, SuiteApi api,
            WorklistEntries entries, CurrentUser currentUser, ConsoleSettings settings) {
        this.worklist = worklist;
        this.rows = rows;
        this.api = api;
        this.entries = entries;
        this.currentUser = currentUser;
        this.settings = settings;
    }

    /** The worklist's filters, as query parameters of the page and of its rows. */
    @io.quarkus.qute.TemplateData
    public static class Filters {
        @QueryParam("kind")
        public String kind;
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

        WorklistEntries.Query query(boolean clinical) {
            String from = age != null && age.matches("\\d{1,4}") ? Instant.now().minus(Duration.ofHours(Long.parseLong(age))).toString() : null;
            return new WorklistEntries.Query(kind != null && KINDS.contains(kind) ? kind : null, "ALL".equals(statusOrOpen()) ? null : statusOrOpen(),
                    blankToNull(severity), blankToNull(type), blankToNull(rule), from, clinical ? blankToNull(patient) : null);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        /** The filters as a query string, without the page, for links and the live refresh. */
        public String withoutPage() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("kind", kind);
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
        int current = Math.min(filters.pageNumber(), MAX_PAGES - 1);
        WorklistEntries.Page list = entries.page(filters.query(user.clinical()), current, PAGE_SIZE, user.token());
        long total = list.total();
        int pages = (int) Math.min(MAX_PAGES, Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
        String base = filters.withoutPage();
        return worklist.data("user", user).data("page", "worklist").data("title", "Alert worklist").data("filters", filters)
                .data("alerts", list.rows()).data("total", total).data("alertTotal", list.alertTotal())
                .data("findingTotal", list.findingTotal()).data("findingsError", list.findingsError())
                .data("truncated", total > (long) MAX_PAGES * PAGE_SIZE).data("pageLabel", (current + 1) + " of " + pages)
                .data("previousLink", current > 0 ? filters.pageLink(current - 1) : null)
                .data("nextLink", current + 1 < pages ? filters.pageLink(current + 1) : null)
                .data("rowsLink", "/worklist/rows" + (base.isEmpty() ? "?" : base + "&") + "page=" + current)
                .data("reasons", REASONS).data("status", filters.statusOrOpen()).data("statuses", STATUSES)
                .data("severities", WorklistEntries.SEVERITIES).data("kinds", KINDS).data("alertTypes", WorklistEntries.ALERT_TYPES)
                .data("findingCategories", WorklistEntries.FINDING_CATEGORIES);
    }

    /** The table body alone, fetched by the page when the stream says the list changed. */
    @GET
    @Path("rows")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance rows(@BeanParam Filters filters) {
        SignedInUser user = currentUser.require();
        WorklistEntries.Page list = entries.page(filters.query(user.clinical()), Math.min(filters.pageNumber(), MAX_PAGES - 1), PAGE_SIZE,
                user.token());
        return rows.data("user", user).data("alerts", list.rows()).data("reasons", REASONS).data("total", list.total());
    }

    /**
     * Server-sent events: "changed" whenever the open and acknowledged alerts or findings differ from the last
     * look (polled from monitoring-service and interaction-service with the signed-in person's token).
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
                .map(tick -> entries.signature(token))
                .filter(signature -> signature != null && !Objects.equals(signature, last[0]))
                .map(signature -> {
                    last[0] = signature;
                    return "changed";
                });
    }

    @POST
    @Path("alerts/{id}/{action: acknowledgement|resolution}")
    public Response act(@PathParam("id") String id, @PathParam("action") String action, @FormParam("reason") String reason,
            @FormParam("back") String back) {
        SignedInUser user = currentUser.require();
        api.post(SuiteApi.Service.MONITORING, "/api/v1/alerts/" + SuiteApi.segment(id) + "/" + action, Map.of("reason", reason == null ? "" : reason),
                user.token());
        return back(back);
    }

    /** A finding is acknowledged, never resolved by a person: it closes by itself when its cause ends. */
    @POST
    @Path("findings/{id}/acknowledgement")
    public Response acknowledgeFinding(@PathParam("id") String id, @FormParam("reason") String reason, @FormParam("back") String back) {
        SignedInUser user = currentUser.require();
        api.post(SuiteApi.Service.INTERACTION, "/api/v1/interaction-findings/" + SuiteApi.segment(id) + "/acknowledgement",
                Map.of("reason", reason == null ? "" : reason), user.token());
        return back(back);
    }

    private static Response back(String back) {
        String target = back != null && back.startsWith("/worklist") ? back : "/worklist";
        return Response.seeOther(URI.create(target)).build();
    }
}
