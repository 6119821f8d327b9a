package org.ilsafety.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * reasons people gave, so the pharmacy sees which rules are ignored. Counted by monitoring-service
 * ({@code GET /api/v1/alert-burden}, one GROUP BY over the period however many alerts it holds); it leaves the
 * reasons out for the dashboard role.
 */
@Path("/burden")
public class BurdenPage {
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
        JsonNode answer = api.get(SuiteApi.Service.MONITORING, "/api/v1/alert-burden", Map.of("from", from), user.token());
        List<RuleBurden> rules = new ArrayList<>();
        for (JsonNode row : answer.path("rules")) {
            RuleBurden rule = new RuleBurden(row.path("ruleId").asText("(no rule)"));
            rule.raised = row.path("raised").asLong();
            rule.acknowledged = row.path("acknowledged").asLong();
            rule.resolvedByPerson = row.path("resolvedByPerson").asLong();
            rule.open = row.path("open").asLong();
            for (String field : List.of("acknowledgementReasons", "resolutionReasons")) {
                for (JsonNode reason : row.path(field)) {
                    rule.reasons.merge(reason.path("reason").asText(), reason.path("count").asLong(), Long::sum);
                }
            }
            rules.add(rule);
        }
        long read = answer.path("raised").asLong();
        return burden.data("user", user).data("page", "burden").data("title", "Alert burden").data("rules", rules).data("days", period)
                .data("periods", PERIODS).data("read", read)
                .data("cds", cdsOverrides.lastDays(period, user));
    }
}
