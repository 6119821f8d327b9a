package org.ilsafety.monitoring.knowledge;

import java.util.List;
import java.util.Map;

import org.ilsafety.monitoring.grading.Action;

/** {@code seeds/knowledge/monitoring/lab-rules.yaml}: analytes, their units, and the bands that grade them. */
public record LabRules(String knowledgeVersion, List<Analyte> analytes, List<RuleSet> ruleSets) {

    public enum Scale {
        /** Graded on the value converted to the analyte's unit. */
        ABSOLUTE,
        /** Graded on value / upper limit of normal from the result's reference range. */
        ULN_MULTIPLE
    }

    public record Code(String loinc, boolean verified) {
    }

    public record UnitFactor(String ucum, double factor) {
    }

    public record Analyte(String id, String display, List<Code> codes, Scale scale, String unit, List<UnitFactor> units,
            String scheduleGroup, String source) {
    }

    /** One band: lower bound atLeast/above, upper bound atMost/below; null bounds are open. */
    public record Rule(String id, List<String> analytes, Double atLeast, Double above, Double atMost, Double below, String band,
            Action action, String message, Double persistsAbove, Integer confirmAfter, Action unconfirmedAction,
            Integer persistentAfter, Action persistentAction, Boolean individualReview, boolean verified) {

        public boolean reviewIndividually() {
            return Boolean.TRUE.equals(individualReview);
        }

        public boolean contains(double value) {
            return (atLeast == null || value >= atLeast) && (above == null || value > above)
                    && (atMost == null || value <= atMost) && (below == null || value < below);
        }
    }

    /** The recovery that ends an interruption for these analytes. */
    public record Recovery(List<String> analytes, Double above, Double below) {
        public boolean recovered(double value) {
            return (above == null || value > above) && (below == null || value < below);
        }
    }

    /** {@code strictestAdult}: the set that grades this drug and context when the indication is unknown. */
    public record RuleSet(String id, String drug, String context, List<String> indications, Boolean strictestAdult, String source,
            List<Recovery> resumeWhen, Map<String, String> restart, Map<String, String> reduce, List<Rule> rules) {

        public boolean forUnknownIndication() {
            return Boolean.TRUE.equals(strictestAdult);
        }
    }
}
