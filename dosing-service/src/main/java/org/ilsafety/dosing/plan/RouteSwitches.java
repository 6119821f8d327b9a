package org.ilsafety.dosing.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.TherapyPlanEvent.Change;
import org.ilsafety.dosing.calculation.Step;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;

/**
 * The IV-to-SC switch (plan-rules {@code ivToScSwitch}), by an order changing the route or by the first SC dose: the plan
 * takes the SC regimen's starting step; where the label does not confirm the switch for the indication it is flagged for review.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RouteSwitches {
    private final PlanDoses doses;
    private final PlanChanges changes;
    private final DosingKnowledge knowledge;

    public RouteSwitches(PlanDoses doses, PlanChanges changes, DosingKnowledge knowledge) {
        this.doses = doses;
        this.changes = changes;
        this.knowledge = knowledge;
    }

    /** Switches the plan to SC and records it; {@code note} is added to the reason. */
    void toSc(TherapyPlan plan, String note) {
        plan.route = "SC";
        plan.step = Step.INITIAL;
        doses.recompute(plan);
        PlanRules.SwitchRule rule = rule(plan);
        String reason;
        if (!rule.verified()) {
            plan.reviewRequired = true;
            reason = "IV to SC switch; not confirmed by the label for " + plan.indication + " (review)";
        } else {
            reason = "IV to SC switch";
        }
        changes.record(plan, Change.ROUTE_SWITCHED, reason + note, knowledge.provenance(rule.ruleId(), rule.source()));
    }

    private PlanRules.SwitchRule rule(TherapyPlan plan) {
        return knowledge.planRules().ivToScSwitch().stream().filter(r -> r.indication().equals(plan.indication)).findFirst()
                .orElseGet(() -> {
                    PlanRules.RuleNote none = knowledge.planRules().procedures().switchNotLabeled();
                    return new PlanRules.SwitchRule(plan.indication, none.ruleId(), none.source(), none.verified());
                });
    }
}
