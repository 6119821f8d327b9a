package org.ilsafety.dosing.plan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.PlanStatus;
import org.ilsafety.common.events.TherapyPlanEvent.Change;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.problem.Problem;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.therapy.TherapyOrder;
import org.ilsafety.dosing.calculation.DoseCalculation;
import org.ilsafety.dosing.calculation.Step;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;
import org.ilsafety.dosing.patient.PatientAges;
import org.ilsafety.dosing.renal.RenalReadings;
import org.ilsafety.dosing.weight.WeightReadings;

/**
 * Starts, updates and stops plans by order: a MedicationRequest from the bus ({@link #applyOrder}) or a prescriber's
 * REST start with an explicit weight ({@link #start}). Every change is recorded and published through {@link PlanChanges}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class PlanOrders {
    private final EntityManager entityManager;
    private final TherapyPlans plans;
    private final PlanDoses doses;
    private final PlanChanges changes;
    private final PlanMeasurements measurements;
    private final RouteSwitches routeSwitches;
    private final DosingKnowledge knowledge;
    private final AllergyBlocks allergyBlocks;

    public PlanOrders(EntityManager entityManager, TherapyPlans plans, PlanDoses doses, PlanChanges changes, PlanMeasurements measurements,
            RouteSwitches routeSwitches, DosingKnowledge knowledge, AllergyBlocks allergyBlocks) {
        this.entityManager = entityManager;
        this.plans = plans;
        this.doses = doses;
        this.changes = changes;
        this.measurements = measurements;
        this.routeSwitches = routeSwitches;
        this.knowledge = knowledge;
        this.allergyBlocks = allergyBlocks;
    }

    /** An active order starts (or updates) the plan; a stopped order discontinues it, when it is the plan's own order. */
    public TherapyPlan applyOrder(TherapyOrder order) {
        return applyOrder(order, OrderDetails.NONE);
    }

    public TherapyPlan applyOrder(TherapyOrder order, OrderDetails details) {
        TherapyPlan plan = plans.lock(order.patientId()).orElse(null);
        boolean isNew = plan == null;
        if (isNew) {
            plan = new TherapyPlan();
            plan.patientId = order.patientId();
        }
        PlanRules.Procedures rules = knowledge.planRules().procedures();
        if (!order.active()) {
            if (!isNew && plan.status == PlanStatus.DISCONTINUED) {
                return plan;
            }
            if (!isNew && order.stopsAnotherOrderThan(plan.requestId)) {
                InputOutcome.ignore(IgnoredReasons.NOT_THE_CURRENT_ORDER); // a one-off order beside the standing one: the plan goes on
                return plan;
            }
            plan(plan, order);
            plan.status = PlanStatus.DISCONTINUED;
            plan.nextDueAt = null;
            if (isNew) {
                entityManager.persist(plan);
            }
            changes.record(plan, Change.DISCONTINUED, "order " + order.fhirStatus(), knowledge.provenance(rules.orderStopped()));
            return plan;
        }
        if (isNew || plan.status == PlanStatus.DISCONTINUED) {
            plan.startedAt = null;
            plan(plan, order);
            restart(plan, order);
            applyDetails(plan, details);
            doses.recompute(plan);
            plan.nextDueAt = plan.startedAt;
            if (isNew) {
                entityManager.persist(plan);
            }
            changes.record(plan, Change.STARTED, "order " + order.fhirStatus() + startReview(plan), knowledge.provenance(rules.orderReceived()));
            allergyBlocks.atStart(plan);
            return plan;
        }
        String routeBefore = plan.route;
        plan(plan, order);
        applyDetails(plan, details);
        if ("IV".equals(routeBefore) && "SC".equals(plan.route)) {
            // The first SC dose replaces the next scheduled IV dose: the due time stays.
            routeSwitches.toSc(plan, "");
            return plan;
        }
        doses.recompute(plan);
        doses.reschedule(plan, null);
        changes.record(plan, Change.UPDATED, "order " + order.fhirStatus() + " updated" + startReview(plan), knowledge.provenance(rules.orderReceived()));
        return plan;
    }

    /** A plan started by a prescriber through REST, with an explicit weight. */
    public TherapyPlan start(String patientId, StartPlan start) {
        TherapyPlan existing = plans.lock(patientId).orElse(null);
        if (existing != null && existing.status != PlanStatus.DISCONTINUED) {
            throw new ProblemException(409, "Plan exists", "the patient already has a " + existing.status + " therapy plan",
                    List.of(new Problem.FieldError("patientId", "a plan exists; discontinue it first")));
        }
        DoseCalculation dose = start.dose();
        TherapyPlan plan = existing != null ? existing : new TherapyPlan();
        plan.patientId = patientId;
        plan.productId = dose.treatment().productId();
        plan.moleculeId = dose.treatment().moleculeId();
        plan.indication = dose.treatment().indication();
        plan.route = dose.treatment().route();
        plan.step = dose.treatment().step();
        plan.offLabel = dose.offLabel();
        plan.prescriberRegimen = start.prescriberRegimenJson();
        plan.requestedMgPerKg = start.requestedMgPerKg();
        plan.dosingWeightKg = start.weightKg();
        plan.ageYears = start.ageYears();
        startAfresh(plan, start.startedAt());
        measurements.renalFromRequest(plan, start.creatinineClearanceMlPerMin());
        plan.updatedAt = Instant.now();
        doses.recompute(plan);
        plan.nextDueAt = plan.startedAt;
        if (existing == null) {
            entityManager.persist(plan);
        }
        changes.record(plan, Change.STARTED, (plan.offLabel ? "started by the prescriber, off-label" : "started by the prescriber")
                + startReview(plan), plan.offLabel ? dose.provenance() : knowledge.provenance(knowledge.planRules().procedures().prescriberStart()));
        allergyBlocks.atStart(plan);
        return plan;
    }

    private TherapyPlan plan(TherapyPlan plan, TherapyOrder order) {
        plan.requestId = order.requestId();
        plan.productId = order.productId();
        plan.moleculeId = order.moleculeId();
        plan.indication = order.indication() != null ? order.indication() : plan.indication;
        plan.route = order.route() != null ? order.route() : plan.route;
        if (plan.startedAt == null) {
            plan.startedAt = order.authoredOn() != null ? order.authoredOn() : Instant.now();
        }
        if (plan.status == null) {
            plan.status = order.active() ? PlanStatus.ACTIVE : PlanStatus.DISCONTINUED;
        }
        if (plan.step == null) {
            plan.step = Step.INITIAL;
        }
        plan.updatedAt = Instant.now();
        return plan;
    }

    private void restart(TherapyPlan plan, TherapyOrder order) {
        plan.step = Step.INITIAL;
        startAfresh(plan, order.authoredOn());
        plan.offLabel = false;
        plan.prescriberRegimen = null;
        plan.requestedMgPerKg = null;
        measurements.onFile(plan);
    }

    /** An active plan with nothing given yet, no interruption, block or review. */
    private static void startAfresh(TherapyPlan plan, Instant startedAt) {
        plan.status = PlanStatus.ACTIVE;
        plan.startedAt = startedAt != null ? startedAt : Instant.now();
        plan.lastDoseAt = null;
        plan.nextDueAt = null;
        plan.earliestRepeatAt = null;
        plan.overdueFlaggedDue = null;
        plan.dosesGiven = 0;
        plan.reviewRequired = false;
        plan.interruptions(Set.of());
        plan.blocks(Set.of());
    }

    /** The ordered mg/kg or interval chooses the step (RA IV 8 mg/kg is ESCALATED; RA SC weekly is ESCALATED). */
    private void applyDetails(TherapyPlan plan, OrderDetails details) {
        if (details.weightKg() != null) {
            plan.dosingWeightKg = details.weightKg();
        }
        if (details.mgPerKg() == null && details.interval() == null) {
            return;
        }
        for (Step step : Step.values()) {
            boolean matches = doses.rows(plan, step).stream().anyMatch(r ->
                    (details.mgPerKg() == null || details.mgPerKg().equals(r.mgPerKg()))
                            && (details.interval() == null || details.interval().equals(r.interval())
                                    || doses.renalIntervalApplies(plan, r) && details.interval().equals(r.renal().interval())));
            if (matches) {
                plan.step = step;
                return;
            }
        }
        boolean range = doses.rows(plan, Step.INITIAL).stream().anyMatch(r -> r.mgPerKgRange() != null);
        if (details.mgPerKg() != null && range) {
            // A labeled mg/kg range (anakinra CAPS/NOMID, DIRA): the prescriber's choice, refused by the calculator if outside.
            plan.requestedMgPerKg = details.mgPerKg();
        } else {
            // The order asks for a dose or interval no labeled step has: the labeled dose is shown, and a person must look.
            plan.reviewRequired = true;
        }
    }

    /**
     * A plan for an indication no label has (an off-label code) is flagged for review; so is, before the first
     * dose, a plan on a row the label does not start with (RA IV 8 mg/kg, SSc-ILD every other week;
     * regimens.yaml startReview). Returns the reason to record, or "".
     */
    private String startReview(TherapyPlan plan) {
        if (!plan.offLabel && plan.indication != null && knowledge.regimens().regimens().stream()
                .noneMatch(r -> r.indication().equals(plan.indication))) {
            // An order coded with an indication no label has (indications.yaml offLabel: M08.4, M06.1): never a guessed dose.
            plan.reviewRequired = true;
            return "; review: " + plan.indication + " is not a labeled indication (off-label): no labeled dose, a prescriber-entered regimen is needed";
        }
        if (plan.dosesGiven > 0) {
            return "";
        }
        return doses.rows(plan, plan.step).stream().map(r -> r.startReview()).filter(Objects::nonNull).findFirst()
                .map(note -> {
                    plan.reviewRequired = true;
                    return "; review: " + note;
                }).orElse("");
    }
}
