package org.ilsafety.monitoring.knowledge;

import java.util.List;

import org.ilsafety.common.knowledge.ConditionSet;

/** {@code seeds/knowledge/monitoring/screening.yaml}: infections and the screens needed before the start. */
public record Screening(String knowledgeVersion, Infections infections, List<Screen> screens, List<String> positiveCodes,
        List<String> negativeCodes, MissingScreenAction missingScreenAction, String missingScreenMessage,
        String positiveScreenMessage, int baselineMaxAgeDays, List<BaselineLab> baselineLabs, LatentTb latentTb) {

    /**
     * Latent tuberculosis (issue 19): a Condition of {@code conditions} with no treatment on record blocks the start; with one
     * it is information. {@code treatments}: the medicines that count as its treatment, by RxNorm code or name.
     */
    public record LatentTb(String ruleId, List<String> drugs, List<String> exemptIndications, ConditionSet conditions, Treatments treatments,
            String untreatedMessage, String onTherapyMessage, String treatedMessage, String source, boolean verified) {
        public boolean appliesTo(String molecule, String indication) {
            return drugs.contains(molecule) && !exemptIndications.contains(indication);
        }
    }

    public record Treatments(List<String> rxnorm, List<String> names, String source, boolean verified) {
    }

    public enum MissingScreenAction {
        ALERT, DO_NOT_START
    }

    /**
     * A code of a screen. {@code positiveAtLeast} (with {@code unit}): a measured result (a tuberculin skin test's
     * induration in mm) is POSITIVE at or above it, NEGATIVE below, and INDETERMINATE in another unit or without a
     * number; {@code cutoffSource} says where the cut-off comes from. Absent: the result is read from its words and codes.
     */
    public record LoincCode(String code, boolean verified, Double positiveAtLeast, String unit, String cutoffSource) {
        public boolean measured() {
            return positiveAtLeast != null;
        }
    }

    /**
     * A baseline lab the start thresholds are judged on (issue 19 item 2): a usable result of any of {@code analytes}
     * within {@code baselineMaxAgeDays} satisfies it; without one, an alert asks for it before the first dose.
     */
    public record BaselineLab(String id, String display, List<String> analytes, List<String> drugs, List<String> exemptIndications,
            String ruleId, String message, String source, boolean verified) {
    }

    /** Which codes are an infection is in {@code infections.yaml} ({@link InfectionKnowledge}). */
    public record Infections(List<String> activeClinicalStatus, List<String> ignoredVerificationStatus,
            String ruleId, String source, boolean verified, String onTherapyMessage, String beforeStartMessage,
            List<String> exemptIndications) {
    }

    /** What a positive result does: BLOCK the start (the default), or only ALERT for an evaluation. */
    public enum PositiveAction {
        BLOCK, ALERT
    }

    /** positiveAction, positiveMessage and alertWhenMissing are optional (BLOCK, the common message, true). */
    public record Screen(String id, String display, String ruleId, List<LoincCode> loinc, List<String> exemptIndications,
            List<String> drugs, PositiveAction positiveAction, String positiveMessage, Boolean alertWhenMissing, String source,
            boolean verified) {
        public boolean alertsOnly() {
            return positiveAction == PositiveAction.ALERT;
        }

        public boolean missingAlerts() {
            return alertWhenMissing == null || alertWhenMissing;
        }
    }
}
