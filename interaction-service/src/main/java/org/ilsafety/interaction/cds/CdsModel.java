package org.ilsafety.interaction.cds;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** The JSON shapes of CDS Hooks 2.0 this service reads and writes. */
public final class CdsModel {
    private CdsModel() {
    }

    /** A hook call. EHRs may add fields (extensions), so unknown fields are tolerated; the required ones are checked. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HookRequest(String hook, String hookInstance, String fhirServer, JsonNode fhirAuthorization, JsonNode context,
            Map<String, JsonNode> prefetch) {
    }

    public record Discovery(List<Service> services) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(String hook, String id, String title, String description, Map<String, String> prefetch, String usageRequirements) {
    }

    public record Response(List<Card> cards) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Card(String uuid, String summary, String detail, String indicator, Source source, List<Suggestion> suggestions,
            String selectionBehavior, List<Coding> overrideReasons, Map<String, Object> extension) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String label, String url, Coding topic) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coding(String system, String code, String display) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String type, String description, String resourceId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FeedbackRequest(List<Feedback> feedback) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Feedback(String card, String outcome, List<AcceptedSuggestion> acceptedSuggestions, OverrideReason overrideReason,
            String outcomeTimestamp) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AcceptedSuggestion(String id) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OverrideReason(Coding reason, String userComment) {
    }
}
