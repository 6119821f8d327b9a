package org.ilsafety.interaction.matching;

import java.util.Set;

/**
 * A medicine input recognised as an agent. {@code moleculeId} is set for the interleukin-blocking
 * molecules of products.yaml; {@code productId} only when a brand or biosimilar name was matched (a
 * molecule name or code does not say which product). {@code matchedBy} is rxnorm, atc or name.
 */
public record AgentMatch(String agentId, String kind, String display, Set<String> classes, String moleculeId, String productId,
        boolean systemicOnly, String matchedBy) {

    public static final String INGREDIENT = "INGREDIENT";
    public static final String PRODUCT = "PRODUCT";
    /** An ATC class standing for its members (hormonal contraceptives G03A, NSAIDs M01A). */
    public static final String CLASS = "CLASS";

    public AgentMatch by(String how) {
        return new AgentMatch(agentId, kind, display, classes, moleculeId, productId, systemicOnly, how);
    }
}
