package org.ilsafety.dosing.knowledge;

import java.util.List;

/** The content of {@code seeds/knowledge/dosing/plan-rules.yaml}: how a therapy plan reacts to events. */
public record PlanRules(
        String knowledgeVersion,
        List<DecisionRule> decisions,
        NeverAutoDiscontinue neverAutoDiscontinue,
        RuleNote reduceAtFloor,
        List<InfectionRule> infectionDiscontinues,
        RuleNote noReductionStep,
        List<SwitchRule> ivToScSwitch,
        WeightBandChange weightBandChange,
        List<KeepInterval> weightBandKeepsInterval,
        List<String> bodyWeightLoinc,
        MissedDose missedDose,
        AdministrationRule administration,
        AllergyRule allergyContraindication) {

    public enum Effect {
        INTERRUPT, REDUCE, RESUME, DISCONTINUE, BLOCK_START, NONE
    }

    public record DecisionRule(String id, String action, Effect effect, String note, String source, boolean verified) {
    }

    public record NeverAutoDiscontinue(List<String> indications, String ruleId, String source, boolean verified) {
    }

    public record RuleNote(String ruleId, String note, String source, boolean verified) {
    }

    /** An interruption for this analyte on this molecule discontinues instead (Kineret and a serious infection). */
    public record InfectionRule(String molecule, String analyte, String ruleId, String note, String source, boolean verified) {
    }

    public record SwitchRule(String indication, String ruleId, String source, boolean verified) {
    }

    public record WeightBandChange(String ruleId, int consecutiveReadings, int minDaysBetweenFirstAndLast, String source,
            boolean verified) {
    }

    /** A weight-band change that keeps the plan's interval and flags it for review. */
    public record KeepInterval(String indication, String route, String ruleId, String note, String source, boolean verified) {
    }

    public record MissedDose(String ruleId, double graceHours, String source, boolean verified) {
    }

    /**
     * A recorded allergy that contraindicates the plan's drug (the HYPERSENSITIVITY rules of interactions/rules.yaml):
     * before the first dose the start is blocked, after doses the plan is held and flagged for review.
     */
    public record AllergyRule(String ruleId, String note, String source, boolean verified) {
    }

    public record AdministrationRule(String ruleId, String repeatRuleId, String noUnitRuleId, String source, boolean verified) {
    }
}
