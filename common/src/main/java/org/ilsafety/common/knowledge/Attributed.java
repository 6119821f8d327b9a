package org.ilsafety.common.knowledge;

/**
 * Something a rule decided (an event, a grade): its {@link Provenance} and the shorthand readers of it. The wire keeps
 * the provenance flat ({@code @JsonUnwrapped}); these readers are not serialized (no record component carries them).
 */
public interface Attributed {

    Provenance provenance();

    default String ruleId() {
        return provenance() == null ? null : provenance().ruleId();
    }

    default String source() {
        return provenance() == null ? null : provenance().source();
    }

    default String knowledgeVersion() {
        return provenance() == null ? null : provenance().knowledgeVersion();
    }
}
