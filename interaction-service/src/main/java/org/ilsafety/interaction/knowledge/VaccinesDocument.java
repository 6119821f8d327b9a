package org.ilsafety.interaction.knowledge;

import java.util.List;

/** {@code interactions/vaccines.yaml}: vaccines by CVX code, live or not. */
public record VaccinesDocument(String knowledgeVersion, List<Vaccine> vaccines) {

    public record Vaccine(String cvx, boolean live, String display, List<String> names, String source, boolean verified) {
    }
}
