package org.ilsafety.dosing.plan;

import org.ilsafety.common.events.PlanStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.events.TherapyPlanEvent.Change;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.calculation.Step;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;
import org.ilsafety.dosing.knowledge.PlanRules.DecisionRule;

/**
 * Applies monitoring-service decisions to a plan: interrupt, reduce, resume at the labeled restart dose,
 * discontinue (or interrupt and flag for review where discontinuation is an individual decision), and
 * block the start. The causes (analytes) a plan is interrupted for are kept for the record; monitoring-service
 * decides when the last one has cleared.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class PlanDecisions {
    static final String UNSPECIFIED = "UNSPECIFIED";
    static final String RULE_REVIEW_RESUME = "plan.review.resume";
    static final String RULE_REVIEW_DISCONTINUE = "plan.review.discontinue";

    private final TherapyPlanService plans;
    private final PlanDoses doses;
    private final PlanChanges changes;
    private final DosingKnowledge knowledge;

    public PlanDecisions(TherapyPlanService plans, PlanDoses doses, PlanChanges changes, DosingKnowledge knowledge) {
        this.plans = plans;
        this.doses = doses;
        this.changes = changes;
        this.knowledge = knowledge;
    }

    /** Applies a decision; empty when the patient has no plan (the decision is then only recorded as processed). */
    public Optional<TherapyPlan> apply(MonitoringEvent decision) {
        Optional<TherapyPlan> found = plans.lock(decision.patientId());
        if (found.isEmpty() || decision.kind() != MonitoringEvent.Kind.DECISION || decision.action() == null) {
            return found;
        }
        TherapyPlan plan = found.get();
        if (plan.status == PlanStatus.DISCONTINUED) {
            return found;
        }
        Optional<DecisionRule> rule = knowledge.planRules().decisions().stream()
                .filter(r -> r.action().equalsIgnoreCase(decision.action())).findFirst();
        if (rule.isEmpty()) {
            return found;
        }
        String analyte = decision.analyte() == null || decision.analyte().isBlank() ? UNSPECIFIED
                : decision.analyte().trim().toUpperCase(Locale.ROOT);
        Instant at = decision.observedAt() != null ? decision.observedAt() : Instant.now();
        String cause = " (" + analyte + "; monitoring rule " + decision.provenance().ruleId() + ")";
        switch (rule.get().effect()) {
            case INTERRUPT -> interruptOrDiscontinue(plan, decision, analyte, cause, rule.get().id());
            case REDUCE -> reduce(plan, analyte, cause, rule.get().id());
            case RESUME -> resume(plan, at, cause, rule.get().id());
            case DISCONTINUE -> discontinue(plan, decision, analyte, cause, rule.get().id());
            case BLOCK_START -> blockStart(plan, analyte, cause, rule.get().id());
            case NONE -> {
            }
        }
        return found;
    }

    /** Kineret's label discontinues on a serious infection where tocilizumab's interrupts (plan-rules infectionDiscontinues). */
    private void interruptOrDiscontinue(TherapyPlan plan, MonitoringEvent decision, String analyte, String cause, String ruleId) {
        Optional<PlanRules.InfectionRule> stop = knowledge.planRules().infectionDiscontinues().stream()
                .filter(r -> r.molecule().equals(plan.moleculeId) && r.analyte().equals(analyte)).findFirst();
        if (stop.isPresent()) {
            discontinue(plan, decision, analyte, ": " + stop.get().note() + cause, stop.get().ruleId());
            return;
        }
        interrupt(plan, analyte, "interrupted" + cause, ruleId, false);
    }

    private void interrupt(TherapyPlan plan, String analyte, String reason, String ruleId, boolean review) {
        Set<String> causes = plan.interruptions();
        boolean added = causes.add(analyte);
        plan.interruptions(causes);
        boolean reviewAdded = review && !plan.reviewRequired;
        plan.reviewRequired |= review;
        if (plan.status == PlanStatus.ACTIVE) {
            plan.status = PlanStatus.INTERRUPTED;
            changes.record(plan, Change.INTERRUPTED, reason, ruleId);
        } else if (added || reviewAdded) {
            changes.record(plan, Change.UPDATED, reason, ruleId);
        }
    }

    private void reduce(TherapyPlan plan, String analyte, String cause, String ruleId) {
        if (!doses.hasStep(plan, Step.REDUCED)) {
            PlanRules.RuleNote none = knowledge.planRules().noReductionStep();
            interrupt(plan, analyte, "no labeled reduced dose for " + plan.indication + " " + plan.route + ": interrupted for review" + cause,
                    none.ruleId(), true);
            return;
        }
        if (doses.atReducedDose(plan)) {
            PlanRules.RuleNote floor = knowledge.planRules().reduceAtFloor();
            interrupt(plan, analyte, "held: " + floor.note() + cause, floor.ruleId(), false);
            return;
        }
        plan.step = Step.REDUCED;
        doses.recompute(plan);
        doses.reschedule(plan, null);
        changes.record(plan, Change.REDUCED, "reduced" + cause, ruleId);
    }

    /**
     * monitoring-service sends RESUME once, when the last cause that kept the therapy from being given has
     * recovered (whatever analyte that last cause was): it clears every interruption and start block of monitoring's
     * causes (a recorded allergy's block stays: {@link AllergyBlocks}). An individual review pending on the plan is
     * closed only by a clinician.
     */
    private void resume(TherapyPlan plan, Instant at, String cause, String ruleId) {
        Set<String> allergy = plan.blocks().contains(AllergyBlocks.CAUSE) ? Set.of(AllergyBlocks.CAUSE) : Set.of();
        if (plan.startBlocked && plan.blocks().size() > allergy.size()) {
            // monitoring's causes have cleared; a recorded allergy still blocks (AllergyBlocks lifts that one)
            plan.blocks(allergy);
            changes.record(plan, Change.UPDATED, (allergy.isEmpty() ? "start no longer blocked" : "start still blocked by a recorded allergy") + cause,
                    ruleId);
        }
        if (plan.status != PlanStatus.INTERRUPTED) {
            return;
        }
        if (plan.reviewRequired) {
            changes.record(plan, Change.UPDATED, "resolved, but resuming awaits the individual review" + cause, ruleId);
            return;
        }
        plan.interruptions(Set.of());
        restart(plan, at, cause, ruleId);
    }

    private void restart(TherapyPlan plan, Instant at, String cause, String ruleId) {
        plan.status = PlanStatus.ACTIVE;
        plan.step = doses.hasStep(plan, Step.REDUCED) ? Step.REDUCED : Step.INITIAL;
        doses.recompute(plan);
        doses.reschedule(plan, at);
        changes.record(plan, Change.RESUMED, "resumed at the labeled restart dose (" + plan.step + ")" + cause, ruleId);
    }

    /** The outcome of an individual review by a clinician: resume at the restart dose, or discontinue. */
    public enum ReviewOutcome {
        RESUME, DISCONTINUE
    }

    /** Closes the review a plan is flagged for; refused when no review is pending. */
    public TherapyPlan review(String patientId, ReviewOutcome outcome, Instant at) {
        TherapyPlan plan = plans.lock(patientId).orElseThrow(() -> ProblemException.notFound("No therapy plan for this patient"));
        if (!plan.reviewRequired || plan.status == PlanStatus.DISCONTINUED) {
            throw ProblemException.unprocessable("outcome", "the plan awaits no review");
        }
        plan.reviewRequired = false;
        if (outcome == ReviewOutcome.DISCONTINUE) {
            plan.status = PlanStatus.DISCONTINUED;
            plan.nextDueAt = null;
            plan.earliestRepeatAt = null;
            changes.record(plan, Change.DISCONTINUED, "discontinued after individual review", RULE_REVIEW_DISCONTINUE);
        } else if (plan.status == PlanStatus.INTERRUPTED) {
            plan.interruptions(Set.of());
            restart(plan, at, " after individual review", RULE_REVIEW_RESUME);
        } else {
            changes.record(plan, Change.UPDATED, "individual review closed, plan continues", RULE_REVIEW_RESUME);
        }
        return plan;
    }

    private void discontinue(TherapyPlan plan, MonitoringEvent decision, String analyte, String cause, String ruleId) {
        PlanRules.NeverAutoDiscontinue never = knowledge.planRules().neverAutoDiscontinue();
        if (decision.requiresIndividualReview() || never.indications().contains(plan.indication)) {
            interrupt(plan, analyte, "discontinuation is an individual decision: interrupted and flagged for review" + cause,
                    never.ruleId(), true);
            return;
        }
        plan.status = PlanStatus.DISCONTINUED;
        plan.nextDueAt = null;
        plan.earliestRepeatAt = null;
        changes.record(plan, Change.DISCONTINUED, "discontinued" + cause, ruleId);
    }

    private void blockStart(TherapyPlan plan, String analyte, String cause, String ruleId) {
        if (plan.dosesGiven > 0) {
            return;
        }
        Set<String> blocks = plan.blocks();
        if (blocks.add(analyte)) {
            plan.blocks(blocks);
            changes.record(plan, Change.UPDATED, "blocked from starting" + cause, ruleId);
        }
    }
}
