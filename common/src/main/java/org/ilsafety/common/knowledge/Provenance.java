package org.ilsafety.common.knowledge;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Which rule made a decision, where the rule comes from (seed file name or label section) and the
 * knowledge version it was read from. One value wherever the suite records or publishes a decision:
 * embedded in entities (columns {@code rule_id}, {@code source}, {@code knowledge_version}) and
 * unwrapped into JSON ({@code @JsonUnwrapped}: the wire keeps the flat fields {@code ruleId},
 * {@code source}, {@code knowledgeVersion}).
 */
@Embeddable
public record Provenance(
        @Column(name = "rule_id") String ruleId,
        @Column(name = "source") String source,
        @Column(name = "knowledge_version") String knowledgeVersion) {

    /** No rule behind it (e.g. a person's action): all three fields null. */
    public static final Provenance NONE = new Provenance(null, null, null);

    /** The same source and knowledge version under another rule id. */
    public Provenance withRule(String otherRuleId) {
        return new Provenance(otherRuleId, source, knowledgeVersion);
    }
}
