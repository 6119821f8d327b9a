package org.ilsafety.monitoring.knowledge;

import java.util.List;

/**
 * {@code seeds/knowledge/monitoring/infections.yaml}: the infection value set (SNOMED CT concepts listed explicitly,
 * ICD-10-CM ranges and prefixes, exclusions) and what a serious infection does on each drug.
 */
public record InfectionKnowledge(String knowledgeVersion, String source, Snomed snomed, Icd10Cm icd10cm,
        List<SeriousInfection> seriousInfection) {

    public record Snomed(String system, List<Code> codes) {
    }

    public record Code(String code, String display, boolean verified) {
    }

    public record Icd10Cm(String system, List<CodeRange> include, List<CodeRange> exclude) {
    }

    /** {@code codes}: one code prefix ("N39.0", "L08") or a range of them ("A00-B99", "K65.0-K65.2"). */
    public record CodeRange(String codes, String display, boolean verified) {
    }

    public record SeriousInfection(String drug, String decision, String planEffect, String onTherapyMessage, String resolvedMessage,
            String source, boolean verified) {
    }
}
