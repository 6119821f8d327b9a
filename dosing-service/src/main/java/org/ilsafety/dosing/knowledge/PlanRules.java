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
        RenalFunction renalFunction,
        MissedDose missedDose,
        AdministrationRule administration,
        AllergyRule allergyContraindication,
        Procedures procedures) {

    public enum Effect {
        INTERRUPT, REDUCE, RESUME, DISCONTINUE, BLOCK_START, NONE
    }

    public record DecisionRule(String id, String action, Effect effect, String note, String source, boolean verified) {
    }

    public record NeverAutoDiscontinue(List<String> indications, String ruleId, String source, boolean verified) {
    }

    public record RuleNote(String ruleId, String note, String source, boolean verified) {
    }

    /**
     * The suite's own procedural rules (how a plan starts, stops, takes a weight or an age, how a review or a merge
     * closes), each with its source: the suite documentation that states the procedure. One component per YAML key.
     */
    public record Procedures(RuleNote orderReceived, RuleNote orderStopped, RuleNote prescriberStart, RuleNote offLabel,
            RuleNote firstWeight, RuleNote sameBandWeight, RuleNote ageChecked, RuleNote reviewResume, RuleNote reviewDiscontinue,
            RuleNote patientMerge, RuleNote switchNotLabeled) {
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

    /**
     * Which Observations give the renal function for the label's renal interval: creatinine clearance, or an eGFR
     * ({@code estimate}: normalized to 1.73 m2, not the label's creatinine clearance), each with its unit in mL/min.
     */
    public record RenalFunction(String ruleId, String unit, String source, boolean verified, String estimateNote, String codesSource,
            List<RenalCode> codes) {
        public java.util.Optional<RenalCode> code(String system, String code) {
            return codes.stream().filter(c -> c.system().equals(system) && c.code().equals(code)).findFirst();
        }
    }

    public record RenalCode(String system, String code, String display, boolean estimate, boolean verified) {
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
