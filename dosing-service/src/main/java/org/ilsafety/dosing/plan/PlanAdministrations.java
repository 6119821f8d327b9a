package org.ilsafety.dosing.plan;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.PlanStatus;
import org.ilsafety.common.events.TherapyPlanEvent.Change;
import org.ilsafety.dosing.calculation.DoseCalculation;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;

/**
 * Doses given (MedicationAdministration or REST), once per source id: they move the schedule on. A first SC dose on an
 * IV plan is the IV-to-SC switch. Repeats closer than the labeled minimum or beyond the labeled count, a dose without a
 * unit, and a dose given while the plan is not active or blocked are recorded and flag the plan for review.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class PlanAdministrations {
    private final EntityManager entityManager;
    private final TherapyPlans plans;
    private final PlanDoses doses;
    private final PlanChanges changes;
    private final RouteSwitches routeSwitches;
    private final DosingKnowledge knowledge;

    public PlanAdministrations(EntityManager entityManager, TherapyPlans plans, PlanDoses doses, PlanChanges changes,
            RouteSwitches routeSwitches, DosingKnowledge knowledge) {
        this.entityManager = entityManager;
        this.plans = plans;
        this.doses = doses;
        this.changes = changes;
        this.routeSwitches = routeSwitches;
        this.knowledge = knowledge;
    }

    /** Records a dose given; empty when the patient has no plan. */
    public Optional<TherapyPlan> record(String patientId, String sourceId, Instant at, Double doseMg, String route, String productId) {
        return record(patientId, new GivenDose(sourceId, at, doseMg, null, route, productId));
    }

    /**
     * As above; the dose's {@code doseIssue} says why the recorded amount is not used (a dose without a unit is never
     * taken as mg): the dose counts as given, its amount is recorded as ungradable, and the plan is flagged.
     */
    public Optional<TherapyPlan> record(String patientId, GivenDose given) {
        TherapyPlan plan = plans.lock(patientId).orElse(null);
        if (plan == null) {
            return Optional.empty();
        }
        if (plans.administrationId(patientId, given.sourceId()).isPresent()) {
            return Optional.of(plan);
        }
        PlanRules.AdministrationRule rules = knowledge.planRules().administration();
        if ("SC".equals(given.route()) && "IV".equals(plan.route)) {
            routeSwitches.toSc(plan, "; the first SC dose replaces the next IV dose");
        }
        StringBuilder reason = new StringBuilder("dose given");
        String ruleId = rules.ruleId();
        Optional<DoseCalculation> current = doses.current(plan);
        if (current.isPresent() && current.get().schedule().maxAdditionalDoses() != null) {
            ruleId = rules.repeatRuleId();
            var schedule = current.get().schedule();
            if (plan.dosesGiven >= 1 + schedule.maxAdditionalDoses()) {
                plan.reviewRequired = true;
                reason.append("; beyond the labeled ").append(1 + schedule.maxAdditionalDoses()).append(" doses");
            }
            if (plan.earliestRepeatAt != null && given.at().isBefore(plan.earliestRepeatAt)) {
                plan.reviewRequired = true;
                reason.append("; sooner than ").append(schedule.minHoursBetweenDoses()).append(" hours after the previous dose");
            }
        }
        if (given.doseIssue() != null) {
            plan.reviewRequired = true;
            ruleId = rules.noUnitRuleId();
            reason.append("; ").append(given.doseIssue());
        }
        if (plan.status != PlanStatus.ACTIVE || plan.startBlocked) {
            plan.reviewRequired = true;
            reason.append("; given while the plan is ").append(plan.startBlocked ? "blocked from starting" : plan.status.name());
        }
        Administration administration = new Administration();
        administration.patientId = patientId;
        administration.sourceId = given.sourceId();
        administration.administeredAt = given.at();
        administration.doseMg = given.doseMg();
        administration.route = given.route() != null ? given.route() : plan.route;
        administration.productId = given.productId() != null ? given.productId() : plan.productId;
        administration.doseNumber = plan.dosesGiven + 1;
        entityManager.persist(administration);
        plan.dosesGiven++;
        if (plan.lastDoseAt == null || !given.at().isBefore(plan.lastDoseAt)) {
            plan.lastDoseAt = given.at();
            doses.scheduleAfterDose(plan, given.at());
        }
        changes.record(plan, Change.DOSE_ADMINISTERED, reason.toString(), knowledge.provenance(ruleId, rules.source()));
        return Optional.of(plan);
    }

    /**
     * A dose given: the id its source gave it, when, the amount in mg (null when unknown or not usable), why the amount is
     * not used ({@code doseIssue}, else null), the route and product (null: the plan's).
     */
    public record GivenDose(String sourceId, Instant at, Double doseMg, String doseIssue, String route, String productId) {
    }
}
