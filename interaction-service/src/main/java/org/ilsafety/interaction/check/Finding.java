package org.ilsafety.interaction.check;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.ilsafety.common.knowledge.Provenance;

/**
 * One interaction found. {@code key} is stable for the same rule, input and agent, so a finding that
 * stays true is recognised as the same one on the next check. {@code validUntil} is the last day it can
 * hold without anything else changing (the end of an exposure window), null when open-ended.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
        String key,
        Category category,
        Severity severity,
        Matched matched,
        ResolvedTo resolvedTo,
        String mechanism,
        String management,
        @JsonUnwrapped Provenance provenance,
        boolean verified,
        LocalDate validUntil,
        @JsonIgnore boolean removeDraftOrder) {

    /** The input as it was given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Matched(String ref, String name, String rxnorm, String atc, String cvx, LocalDate date) {
    }

    /** What the input was recognised as: an ingredient, a product of the therapy's molecule, or a vaccine. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResolvedTo(String kind, String id, String display, List<String> classes, String productId, String cvx,
            Boolean live, String matchedBy) {
    }
}
