package org.ilsafety.interaction.check;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An input that matched nothing the knowledge base knows, so it was NOT checked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Unrecognized(String ref, String kind, String name, String rxnorm, String atc, String cvx) {
}
