package org.ilsafety.monitoring.knowledge;

import java.util.List;
import java.util.Map;

import org.ilsafety.monitoring.alert.Severity;
import org.ilsafety.monitoring.grading.Action;

/**
 * {@code seeds/knowledge/monitoring/lab-rules.yaml}: analytes, their units, the bands that grade them, and the critical
 * values that raise an alert on every therapy.
 */
public record LabRules(String knowledgeVersion, List<Analyte> analytes, List<RuleSet> ruleSets, CriticalValues criticalValues) {

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

    /**
     * One band: lower bound atLeast/above, upper bound atMost/below; null bounds are open. {@code alertSeverity}, when set,
     * is the severity of the alert the band raises instead of the one its action implies (a critical value).
     */
    public record Rule(String id, List<String> analytes, Double atLeast, Double above, Double atMost, Double below, String band,
            Action action, String message, Double persistsAbove, Integer confirmAfter, Action unconfirmedAction,
            Integer persistentAfter, Action persistentAction, Boolean individualReview, Severity alertSeverity, boolean verified) {

        public boolean reviewIndividually() {
            return Boolean.TRUE.equals(individualReview);
        }

        /** The severity of the alert for this band's action. */
        public Severity severity(Action applied) {
            return alertSeverity != null ? alertSeverity : Severity.of(applied);
        }

        /** The same band with the message a finding gives for one therapy. */
        public Rule withMessage(String text) {
            return new Rule(id, analytes, atLeast, above, atMost, below, band, action, text, persistsAbove, confirmAfter, unconfirmedAction,
                    persistentAfter, persistentAction, individualReview, alertSeverity, verified);
        }

        public boolean contains(double value) {
            return (atLeast == null || value >= atLeast) && (above == null || value > above)
                    && (atMost == null || value <= atMost) && (below == null || value < below);
        }
    }

    /** The recovery that ends an interruption for these analytes: above / below are exclusive, atMost inclusive. */
    public record Recovery(List<String> analytes, Double above, Double below, Double atMost) {
        public boolean recovered(double value) {
            return (above == null || value > above) && (below == null || value < below) && (atMost == null || value <= atMost);
        }
    }

    /**
     * Critical values: on a therapy with one of {@code drugs}, a value in a band whose action is not CONTINUE always raises an
     * alert, unless the therapy's own band already changes the plan; where the therapy's rule set has no rule for the analyte,
     * these bands grade the result.
     */
    public record CriticalValues(String id, List<String> drugs, String source, List<Rule> rules) {
        public boolean appliesTo(String drug) {
            return drugs.stream().anyMatch(d -> d.equalsIgnoreCase(drug));
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
