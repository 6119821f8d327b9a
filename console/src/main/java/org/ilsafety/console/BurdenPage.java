package org.ilsafety.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * Alert burden per rule over a chosen period: alerts raised, acknowledged and resolved by a person, and the
 * reasons people gave, so the pharmacy sees which rules are ignored. Read page by page from
 * monitoring-service (at most {@link #MAX_PAGES} pages of 500; the page says when it stopped short).
 */
@Path("/burden")
public class BurdenPage {
    static final int MAX_PAGES = 40;
    static final List<Integer> PERIODS = List.of(1, 7, 30, 90);

    private final Template burden;
    private final SuiteApi api;
    private final CurrentUser currentUser;
    @jakarta.inject.Inject
    CdsOverrides cdsOverrides;

    public BurdenPage(@Location("burden.html") Template burden, SuiteApi api, CurrentUser currentUser) {
        this.burden = burden;
        this.api = api;
        this.currentUser = currentUser;
    }

    @io.quarkus.qute.TemplateData
    public static final class RuleBurden {
        public final String ruleId;
        public long raised;
        public long acknowledged;
        public long resolvedByPerson;
        public long open;
        public final Map<String, Long> reasons = new TreeMap<>();

        RuleBurden(String ruleId) {
            this.ruleId = ruleId;
        }

        public long ignoredPercent() {
            return raised == 0 ? 0 : Math.round(100.0 * open / raised);
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("days") @DefaultValue("30") int days) {
        SignedInUser user = currentUser.require();
        int period = PERIODS.contains(days) ? days : 30;
        String from = Instant.now().minus(Duration.ofDays(period)).toString();
        Map<String, RuleBurden> rules = new LinkedHashMap<>();
        long read = 0;
        long total = 0;
        int page = 0;
        do {
            JsonNode alerts = api.get(SuiteApi.Service.MONITORING, "/api/v1/alerts",
                    Map.of("from", from, "size", "500", "page", Integer.toString(page)), user.token());
            total = alerts.path("total").asLong();
            for (JsonNode alert : alerts.path("items")) {
                read++;
                RuleBurden rule = rules.computeIfAbsent(alert.path("ruleId").asText("(no rule)"), RuleBurden::new);
                rule.raised++;
                if (!alert.path("acknowledgedAt").isNull() && alert.has("acknowledgedAt")) {
                    rule.acknowledged++;
                }
                if (alert.path("resolvedBy").isTextual()) {
                    rule.resolvedByPerson++;
                }
                if ("OPEN".equals(alert.path("status").asText())) {
                    rule.open++;
                }
                for (String field : List.of("acknowledgementReason", "resolution")) {
                    if (alert.path(field).isTextual() && !alert.path(field).asText().isBlank()) {
                        rule.reasons.merge(alert.path(field).asText(), 1L, Long::sum);
                    }
                }
            }
            page++;
        } while (read < total && page < MAX_PAGES);
        List<RuleBurden> sorted = new ArrayList<>(rules.values());
        sorted.sort(Comparator.comparingLong((RuleBurden r) -> r.raised).reversed());
        return burden.data("user", user).data("page", "burden").data("title", "Alert burden").data("rules", sorted).data("days", period)
                .data("periods", PERIODS).data("read", read).data("total", total).data("complete", read >= total)
                .data("cds", cdsOverrides.lastDays(period, user));
    }
}
