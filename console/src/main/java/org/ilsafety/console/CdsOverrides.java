package org.ilsafety.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The interaction rules' burden for the burden page: per rule, the CDS Hooks cards issued, accepted and
 * overridden with the override reasons (codes, and the clinicians' comments for clinical roles), and the
 * findings people acknowledged with their reasons, from interaction-service's {@code GET /api/v1/cds-feedback-summary}
 * (the service leaves the free text out for dashboards).
 */
@ApplicationScoped
public class CdsOverrides {
    private final SuiteApi api;

    public CdsOverrides(SuiteApi api) {
        this.api = api;
    }

    @io.quarkus.qute.TemplateData
    public record Counted(String text, long count) {
    }

    @io.quarkus.qute.TemplateData
    public record RuleRow(String ruleId, long cardsIssued, long cardsAccepted, long cardsOverridden, List<Counted> overrideReasons,
            List<Counted> overrideComments, long findingsAcknowledged, List<Counted> acknowledgementReasons) {

        public long overriddenPercent() {
            return cardsIssued == 0 ? 0 : Math.round(100.0 * cardsOverridden / cardsIssued);
        }
    }

    /** The rules, most overridden and acknowledged first; {@code error} says why there are none to show, if so. */
    @io.quarkus.qute.TemplateData
    public record Summary(List<RuleRow> rules, String error) {
    }

    public Summary lastDays(int days, SignedInUser user) {
        try {
            JsonNode summary = api.get(SuiteApi.Service.INTERACTION, "/api/v1/cds-feedback-summary",
                    java.util.Map.of("from", Instant.now().minus(Duration.ofDays(days)).toString()), user.token());
            List<RuleRow> rules = new ArrayList<>();
            for (JsonNode rule : summary.path("rules")) {
                rules.add(new RuleRow(rule.path("ruleId").asText(), rule.path("cardsIssued").asLong(), rule.path("cardsAccepted").asLong(),
                        rule.path("cardsOverridden").asLong(), counted(rule.path("overrideReasons"), true), counted(rule.path("overrideComments"), false),
                        rule.path("findingsAcknowledged").asLong(), counted(rule.path("acknowledgementReasons"), false)));
            }
            rules.sort((a, b) -> Long.compare(b.cardsOverridden() + b.findingsAcknowledged(), a.cardsOverridden() + a.findingsAcknowledged()));
            return new Summary(rules, null);
        } catch (SuiteApi.ServiceError e) {
            return new Summary(List.of(), e.getMessage());
        }
    }

    private static List<Counted> counted(JsonNode list, boolean coded) {
        List<Counted> counted = new ArrayList<>();
        for (JsonNode item : list) {
            String text = coded && item.hasNonNull("display") ? item.path("display").asText() + " (" + item.path("code").asText() + ")"
                    : item.hasNonNull("display") ? item.path("display").asText() : item.path("code").asText();
            counted.add(new Counted(text, item.path("count").asLong()));
        }
        return counted;
    }
}
