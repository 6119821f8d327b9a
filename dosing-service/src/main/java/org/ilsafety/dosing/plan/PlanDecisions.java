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
import org.ilsafety.common.knowledge.Provenance;
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

    private final TherapyPlans plans;
    private final PlanDoses doses;
    private final PlanChanges changes;
    private final DosingKnowledge knowledge;

    public PlanDecisions(TherapyPlans plans, PlanDoses doses, PlanChanges changes, DosingKnowledge knowledge) {
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
        Optional<DecisionRule> decisionRule = knowledge.planRules().decisions().stream()
                .filter(r -> r.action().equalsIgnoreCase(decision.action())).findFirst();
        if (decisionRule.isEmpty()) {
            return found;
        }
        String analyte = decision.analyte() == null || decision.analyte().isBlank() ? UNSPECIFIED
                : decision.analyte().trim().toUpperCase(Locale.ROOT);
        Instant at = decision.observedAt() != null ? decision.observedAt() : Instant.now();
        String cause = " (" + analyte + "; monitoring rule " + decision.provenance().ruleId() + ")";
        Provenance rule = knowledge.provenance(decisionRule.get().id(), decisionRule.get().source());
        switch (decisionRule.get().effect()) {
            case INTERRUPT -> interruptOrDiscontinue(plan, decision, analyte, cause, rule);
            case REDUCE -> reduce(plan, analyte, cause, rule);
            case RESUME -> resume(plan, at, cause, rule);
            case DISCONTINUE -> discontinue(plan, decision, analyte, cause, rule);
            case BLOCK_START -> blockStart(plan, analyte, cause, rule);
            case NONE -> {
            }
        }
        return found;
    }

    /** Kineret's label discontinues on a serious infection where tocilizumab's interrupts (plan-rules infectionDiscontinues). */
    private void interruptOrDiscontinue(TherapyPlan plan, MonitoringEvent decision, String analyte, String cause, Provenance rule) {
        Optional<PlanRules.InfectionRule> stop = knowledge.planRules().infectionDiscontinues().stream()
                .filter(r -> r.molecule().equals(plan.moleculeId) && r.analyte().equals(analyte)).findFirst();
        if (stop.isPresent()) {
            discontinue(plan, decision, analyte, ": " + stop.get().note() + cause, knowledge.provenance(stop.get().ruleId(), stop.get().source()));
            return;
        }
        interrupt(plan, analyte, "interrupted" + cause, rule, false);
    }

    private void interrupt(TherapyPlan plan, String analyte, String reason, Provenance rule, boolean review) {
        Set<String> causes = plan.interruptions();
        boolean added = causes.add(analyte);
        plan.interruptions(causes);
        boolean reviewAdded = review && !plan.reviewRequired;
        plan.reviewRequired |= review;
        if (plan.status == PlanStatus.ACTIVE) {
            plan.status = PlanStatus.INTERRUPTED;
            changes.record(plan, Change.INTERRUPTED, reason, rule);
        } else if (added || reviewAdded) {
            changes.record(plan, Change.UPDATED, reason, rule);
        }
    }

    private void reduce(TherapyPlan plan, String analyte, String cause, Provenance rule) {
        if (!doses.hasStep(plan, Step.REDUCED)) {
            PlanRules.RuleNote none = knowledge.planRules().noReductionStep();
            interrupt(plan, analyte, "no labeled reduced dose for " + plan.indication + " " + plan.route + ": interrupted for review" + cause,
                    knowledge.provenance(none), true);
            return;
        }
        if (doses.atReducedDose(plan)) {
            PlanRules.RuleNote floor = knowledge.planRules().reduceAtFloor();
            interrupt(plan, analyte, "held: " + floor.note() + cause, knowledge.provenance(floor), false);
            return;
        }
        plan.step = Step.REDUCED;
        doses.recompute(plan);
        doses.reschedule(plan, null);
        changes.record(plan, Change.REDUCED, "reduced" + cause, rule);
    }

    /**
     * monitoring-service sends RESUME once, when the last cause that kept the therapy from being given has
     * recovered (whatever analyte that last cause was): it clears every interruption and start block of monitoring's
     * causes (a recorded allergy's block stays: {@link AllergyBlocks}). An individual review pending on the plan is
     * closed only by a clinician.
     */
    private void resume(TherapyPlan plan, Instant at, String cause, Provenance rule) {
        Set<String> allergy = plan.blocks().contains(AllergyBlocks.CAUSE) ? Set.of(AllergyBlocks.CAUSE) : Set.of();
        if (plan.startBlocked && plan.blocks().size() > allergy.size()) {
            // monitoring's causes have cleared; a recorded allergy still blocks (AllergyBlocks lifts that one)
            plan.blocks(allergy);
            changes.record(plan, Change.UPDATED, (allergy.isEmpty() ? "start no longer blocked" : "start still blocked by a recorded allergy") + cause,
                    rule);
        }
        if (plan.status != PlanStatus.INTERRUPTED) {
            return;
        }
        if (plan.reviewRequired) {
            changes.record(plan, Change.UPDATED, "resolved, but resuming awaits the individual review" + cause, rule);
            return;
        }
        plan.interruptions(Set.of());
        restart(plan, at, cause, rule);
    }

    private void restart(TherapyPlan plan, Instant at, String cause, Provenance rule) {
        plan.status = PlanStatus.ACTIVE;
        plan.step = doses.hasStep(plan, Step.REDUCED) ? Step.REDUCED : Step.INITIAL;
        doses.recompute(plan);
        doses.reschedule(plan, at);
        changes.record(plan, Change.RESUMED, "resumed at the labeled restart dose (" + plan.step + ")" + cause, rule);
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
        PlanRules.Procedures procedures = knowledge.planRules().procedures();
        if (outcome == ReviewOutcome.DISCONTINUE) {
            plan.status = PlanStatus.DISCONTINUED;
            plan.nextDueAt = null;
            plan.earliestRepeatAt = null;
            changes.record(plan, Change.DISCONTINUED, "discontinued after individual review", knowledge.provenance(procedures.reviewDiscontinue()));
        } else if (plan.status == PlanStatus.INTERRUPTED) {
            plan.interruptions(Set.of());
            restart(plan, at, " after individual review", knowledge.provenance(procedures.reviewResume()));
        } else {
            changes.record(plan, Change.UPDATED, "individual review closed, plan continues", knowledge.provenance(procedures.reviewResume()));
        }
        return plan;
    }

    private void discontinue(TherapyPlan plan, MonitoringEvent decision, String analyte, String cause, Provenance rule) {
        PlanRules.NeverAutoDiscontinue never = knowledge.planRules().neverAutoDiscontinue();
        if (decision.requiresIndividualReview() || never.indications().contains(plan.indication)) {
            interrupt(plan, analyte, "discontinuation is an individual decision: interrupted and flagged for review" + cause,
                    knowledge.provenance(never.ruleId(), never.source()), true);
            return;
        }
        plan.status = PlanStatus.DISCONTINUED;
        plan.nextDueAt = null;
        plan.earliestRepeatAt = null;
        changes.record(plan, Change.DISCONTINUED, "discontinued" + cause, rule);
    }

    private void blockStart(TherapyPlan plan, String analyte, String cause, Provenance rule) {
        if (plan.dosesGiven > 0) {
            return;
        }
        Set<String> blocks = plan.blocks();
        if (blocks.add(analyte)) {
            plan.blocks(blocks);
            changes.record(plan, Change.UPDATED, "blocked from starting" + cause, rule);
        }
    }
}
