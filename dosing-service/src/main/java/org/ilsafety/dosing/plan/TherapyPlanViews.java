package org.ilsafety.dosing.plan;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.plan.rest.TherapyPlanView;
import org.ilsafety.dosing.renal.RenalReading;
import org.ilsafety.dosing.weight.Kilograms;

/** Builds the API view of a plan: current dose, administrations, overdue state and history. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TherapyPlanViews {
    private final TherapyPlans plans;
    private final PlanDoses doses;
    private final PlanChanges changes;
    private final DosingKnowledge knowledge;

    public TherapyPlanViews(TherapyPlans plans, PlanDoses doses, PlanChanges changes, DosingKnowledge knowledge) {
        this.plans = plans;
        this.doses = doses;
        this.changes = changes;
        this.knowledge = knowledge;
    }

    public Optional<TherapyPlanView> view(String patientId) {
        return plans.find(patientId).map(this::view);
    }

    private static TherapyPlanView.RenalFunctionView renal(RenalReading reading) {
        return reading == null ? null : new TherapyPlanView.RenalFunctionView(reading.code, reading.display, reading.comparator,
                reading.mlPerMin, reading.measuredAt, reading.estimate, reading.describe());
    }

    /** A row written before any rule was recorded keeps the flat fields, as nulls. */
    private static Provenance known(Provenance provenance) {
        return provenance == null ? Provenance.NONE : provenance;
    }

    private TherapyPlanView view(TherapyPlan plan) {
        Instant now = Instant.now();
        double grace = knowledge.planRules().missedDose().graceHours();
        return new TherapyPlanView(plan.patientId, plan.productId, plan.moleculeId, plan.indication, plan.route, plan.status.name(),
                plan.step.name(), plan.offLabel, Kilograms.displayed(plan.dosingWeightKg), renal(plan.renalReading), doses.current(plan).orElse(null), plan.doseIssue,
                plans.administrations(plan.patientId).stream().map(a -> new TherapyPlanView.AdministrationView(a.doseNumber,
                        a.administeredAt, a.doseMg, a.route, a.productId)).toList(),
                plan.dosesGiven, plan.startedAt, plan.lastDoseAt, plan.nextDueAt, plan.earliestRepeatAt,
                MissedDoses.overdue(plan, now, grace), MissedDoses.missed(plan, now, grace), plan.reviewRequired, plan.startBlocked,
                plan.interruptions(), plan.blocks(),
                changes.history(plan.patientId).stream().map(c -> new TherapyPlanView.ChangeView(c.occurredAt, c.change, c.status, c.step,
                        c.doseMg, c.reason, known(c.provenance))).toList(),
                known(plan.provenance));
    }
}
