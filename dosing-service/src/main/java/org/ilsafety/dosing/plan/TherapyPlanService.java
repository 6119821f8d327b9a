package org.ilsafety.dosing.plan;

import org.ilsafety.common.events.PlanStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.TherapyPlanEvent.Change;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.problem.Problem;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.therapy.TherapyOrder;
import org.ilsafety.dosing.calculation.DoseCalculation;
import org.ilsafety.dosing.calculation.DoseCalculator;
import org.ilsafety.dosing.calculation.Step;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;
import org.ilsafety.dosing.patient.PatientAges;
import org.ilsafety.dosing.renal.RenalReading;
import org.ilsafety.dosing.renal.RenalReadings;
import org.ilsafety.dosing.weight.WeightReading;
import org.ilsafety.dosing.weight.WeightReadings;

/**
 * Keeps each patient's therapy plan: started from an order or by REST, moved on by administrations and
 * body-weight readings. Every change is recorded and published through {@link PlanChanges}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class TherapyPlanService {
    static final String RULE_ORDER_RECEIVED = "plan.start.order-received";
    static final String RULE_ORDER_STOPPED = "plan.stop.order-inactive";
    static final String RULE_REST_START = "plan.start.prescriber";
    static final String RULE_WEIGHT_FIRST = "plan.weight.first-reading";
    static final String RULE_WEIGHT_SAME_BAND = "plan.weight.same-band";
    static final String RULE_AGE_CHECKED = "plan.age.birth-date";

    private final EntityManager entityManager;
    private final PlanDoses doses;
    private final PlanChanges changes;
    private final WeightReadings weights;
    private final DosingKnowledge knowledge;
    private final PatientAges ages;
    private final RenalReadings renals;
    private final AllergyBlocks allergyBlocks;

    public TherapyPlanService(EntityManager entityManager, PlanDoses doses, PlanChanges changes, WeightReadings weights,
            DosingKnowledge knowledge, PatientAges ages, RenalReadings renals, AllergyBlocks allergyBlocks) {
        this.ages = ages;
        this.renals = renals;
        this.allergyBlocks = allergyBlocks;
        this.entityManager = entityManager;
        this.doses = doses;
        this.changes = changes;
        this.weights = weights;
        this.knowledge = knowledge;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TherapyPlan> find(String patientId) {
        return Optional.ofNullable(entityManager.find(TherapyPlan.class, patientId));
    }

    Optional<TherapyPlan> lock(String patientId) {
        return PlanLock.lock(entityManager, patientId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Administration> administrations(String patientId) {
        return entityManager.createQuery("from Administration a where a.patientId = :p order by a.administeredAt, a.id", Administration.class)
                .setParameter("p", patientId).getResultList();
    }

    /** An active order starts (or updates) the plan; a stopped order discontinues it, when it is the plan's own order. */
    public TherapyPlan applyOrder(TherapyOrder order) {
        return applyOrder(order, OrderDetails.NONE);
    }

    public TherapyPlan applyOrder(TherapyOrder order, OrderDetails details) {
        TherapyPlan plan = lock(order.patientId()).orElse(null);
        boolean isNew = plan == null;
        if (isNew) {
            plan = new TherapyPlan();
            plan.patientId = order.patientId();
        }
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
            changes.record(plan, Change.DISCONTINUED, "order " + order.fhirStatus(), RULE_ORDER_STOPPED);
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
            changes.record(plan, Change.STARTED, "order " + order.fhirStatus() + startReview(plan), RULE_ORDER_RECEIVED);
            allergyBlocks.atStart(plan);
            return plan;
        }
        String routeBefore = plan.route;
        plan(plan, order);
        applyDetails(plan, details);
        if ("IV".equals(routeBefore) && "SC".equals(plan.route)) {
            // The first SC dose replaces the next scheduled IV dose: the due time stays.
            plan.step = Step.INITIAL;
            doses.recompute(plan);
            changes.record(plan, Change.ROUTE_SWITCHED, switchReason(plan), switchRule(plan).ruleId());
            return plan;
        }
        doses.recompute(plan);
        doses.reschedule(plan, null);
        changes.record(plan, Change.UPDATED, "order " + order.fhirStatus() + " updated" + startReview(plan), RULE_ORDER_RECEIVED);
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
        if (plan.dosingWeightKg == null) {
            weights.latest(plan.patientId, 1).stream().findFirst().ifPresent(r -> plan.dosingWeightKg = r.weightKg);
        }
        ages.ageYears(plan.patientId, plan.startedAt).ifPresent(age -> plan.ageYears = age);
        plan.renalReading = renals.latest(plan.patientId).orElse(null);
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
        plan.interruptions(java.util.Set.of());
        plan.blocks(java.util.Set.of());
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
        return doses.rows(plan, plan.step).stream().map(r -> r.startReview()).filter(java.util.Objects::nonNull).findFirst()
                .map(note -> {
                    plan.reviewRequired = true;
                    return "; review: " + note;
                }).orElse("");
    }

    /** A plan started by a prescriber through REST, with an explicit weight. */
    public TherapyPlan start(String patientId, StartPlan start) {
        TherapyPlan existing = lock(patientId).orElse(null);
        if (existing != null && existing.status != PlanStatus.DISCONTINUED) {
            throw new ProblemException(409, "Plan exists", "the patient already has a " + existing.status + " therapy plan",
                    List.of(new Problem.FieldError("patientId", "a plan exists; discontinue it first")));
        }
        DoseCalculation dose = start.dose();
        TherapyPlan plan = existing != null ? existing : new TherapyPlan();
        plan.patientId = patientId;
        plan.productId = dose.productId();
        plan.moleculeId = dose.moleculeId();
        plan.indication = dose.indication();
        plan.route = dose.route();
        plan.step = dose.step();
        plan.offLabel = dose.offLabel();
        plan.prescriberRegimen = start.prescriberRegimenJson();
        plan.requestedMgPerKg = start.requestedMgPerKg();
        plan.dosingWeightKg = start.weightKg();
        plan.ageYears = start.ageYears();
        startAfresh(plan, start.startedAt());
        if (start.creatinineClearanceMlPerMin() != null) {
            renals.record(RenalReadings.fromRequest(patientId, start.creatinineClearanceMlPerMin(), Instant.now()));
        }
        plan.renalReading = renals.latest(patientId).orElse(null);
        plan.updatedAt = Instant.now();
        doses.recompute(plan);
        plan.nextDueAt = plan.startedAt;
        if (existing == null) {
            entityManager.persist(plan);
        }
        changes.record(plan, Change.STARTED, (plan.offLabel ? "started by the prescriber, off-label" : "started by the prescriber")
                + startReview(plan), plan.offLabel ? dose.ruleId() : RULE_REST_START);
        allergyBlocks.atStart(plan);
        return plan;
    }

    /**
     * Records a dose given. A first SC dose on an IV plan is the IV-to-SC switch (it replaces the next
     * IV dose). Repeats closer than the labeled minimum, or beyond the labeled count, are flagged for review.
     */
    public Optional<TherapyPlan> recordAdministration(String patientId, String sourceId, Instant at, Double doseMg, String route,
            String productId) {
        return recordAdministration(patientId, sourceId, at, doseMg, null, route, productId);
    }

    /**
     * As above; {@code doseIssue} says why the recorded amount is not used (a dose without a unit is never
     * taken as mg): the dose counts as given, its amount is recorded as ungradable, and the plan is flagged.
     */
    public Optional<TherapyPlan> recordAdministration(String patientId, String sourceId, Instant at, Double doseMg, String doseIssue,
            String route, String productId) {
        TherapyPlan plan = lock(patientId).orElse(null);
        if (plan == null) {
            return Optional.empty();
        }
        if (administrationId(patientId, sourceId).isPresent()) {
            return Optional.of(plan);
        }
        PlanRules rules = knowledge.planRules();
        if ("SC".equals(route) && "IV".equals(plan.route)) {
            plan.route = "SC";
            plan.step = Step.INITIAL;
            doses.recompute(plan);
            changes.record(plan, Change.ROUTE_SWITCHED, switchReason(plan) + "; the first SC dose replaces the next IV dose",
                    switchRule(plan).ruleId());
        }
        StringBuilder reason = new StringBuilder("dose given");
        String ruleId = rules.administration().ruleId();
        Optional<DoseCalculation> current = doses.current(plan);
        if (current.isPresent() && current.get().maxAdditionalDoses() != null) {
            ruleId = rules.administration().repeatRuleId();
            DoseCalculation dose = current.get();
            if (plan.dosesGiven >= 1 + dose.maxAdditionalDoses()) {
                plan.reviewRequired = true;
                reason.append("; beyond the labeled ").append(1 + dose.maxAdditionalDoses()).append(" doses");
            }
            if (plan.earliestRepeatAt != null && at.isBefore(plan.earliestRepeatAt)) {
                plan.reviewRequired = true;
                reason.append("; sooner than ").append(dose.minHoursBetweenDoses()).append(" hours after the previous dose");
            }
        }
        if (doseIssue != null) {
            plan.reviewRequired = true;
            ruleId = rules.administration().noUnitRuleId();
            reason.append("; ").append(doseIssue);
        }
        if (plan.status != PlanStatus.ACTIVE || plan.startBlocked) {
            plan.reviewRequired = true;
            reason.append("; given while the plan is ").append(plan.startBlocked ? "blocked from starting" : plan.status.name());
        }
        Administration administration = new Administration();
        administration.patientId = patientId;
        administration.sourceId = sourceId;
        administration.administeredAt = at;
        administration.doseMg = doseMg;
        administration.route = route != null ? route : plan.route;
        administration.productId = productId != null ? productId : plan.productId;
        administration.doseNumber = plan.dosesGiven + 1;
        entityManager.persist(administration);
        plan.dosesGiven++;
        if (plan.lastDoseAt == null || !at.isBefore(plan.lastDoseAt)) {
            plan.lastDoseAt = at;
            doses.scheduleAfterDose(plan, at);
        }
        changes.record(plan, Change.DOSE_ADMINISTERED, reason.toString(), ruleId);
        return Optional.of(plan);
    }

    /** The record id of an administration, by the id its source gave it. */
    public Optional<Long> administrationId(String patientId, String sourceId) {
        return entityManager.createQuery("select a.id from Administration a where a.patientId = :p and a.sourceId = :s", Long.class)
                .setParameter("p", patientId).setParameter("s", sourceId).getResultList().stream().findFirst();
    }

    private PlanRules.SwitchRule switchRule(TherapyPlan plan) {
        return knowledge.planRules().ivToScSwitch().stream().filter(r -> r.indication().equals(plan.indication)).findFirst()
                .orElse(new PlanRules.SwitchRule(plan.indication, "plan.switch.iv-to-sc.not-labeled", "none", false));
    }

    private String switchReason(TherapyPlan plan) {
        PlanRules.SwitchRule rule = switchRule(plan);
        if (!rule.verified()) {
            plan.reviewRequired = true;
            return "IV to SC switch; not confirmed by the label for " + plan.indication + " (review)";
        }
        return "IV to SC switch";
    }

    /**
     * A band change that would lengthen the interval of a plan whose indication and route keep it
     * (plan-rules weightBandKeepsInterval): the step of the new band with the same interval is taken and
     * the plan is flagged for review. False when no such rule applies.
     */
    private boolean keepInterval(TherapyPlan plan, double weightKg, PlanRules.WeightBandChange band) {
        Optional<PlanRules.KeepInterval> keep = knowledge.planRules().weightBandKeepsInterval().stream()
                .filter(k -> k.indication().equals(plan.indication) && k.route().equals(plan.route)).findFirst();
        String interval = plan.doseInterval;
        if (keep.isEmpty() || interval == null) {
            return false;
        }
        Step before = plan.step;
        plan.dosingWeightKg = weightKg;
        Optional<Step> same = java.util.Arrays.stream(Step.values())
                .filter(s -> doses.rows(plan, s).stream().anyMatch(r -> interval.equals(r.interval()))).findFirst();
        Optional<String> newInterval = doses.rows(plan, before).stream().map(r -> r.interval()).findFirst();
        if (same.isEmpty() || newInterval.isEmpty() || newInterval.get() == null
                || DoseCalculator.parseInterval(newInterval.get(), "interval").compareTo(DoseCalculator.parseInterval(interval, "interval")) <= 0) {
            return false; // not a longer interval: the caller applies the band change as usual
        }
        plan.step = same.get();
        plan.reviewRequired = true;
        doses.recompute(plan);
        doses.reschedule(plan, null);
        changes.record(plan, Change.WEIGHT_BAND_CHANGED, "weight band changed after " + band.consecutiveReadings() + " consistent readings; "
                + keep.get().note() + (keep.get().verified() ? "" : " (the label is silent: rule not verified)"), keep.get().ruleId());
        return true;
    }

    /**
     * Stores a renal-function reading (creatinine clearance or eGFR). The plan takes the latest reading; when the
     * dose or interval changes (anakinra crossing 30 mL/min) it is re-planned and says which value it used.
     */
    public void recordRenalFunction(RenalReading reading) {
        if (renals.record(reading)) {
            replanRenal(reading.patientId, null);
        }
    }

    /** An entered-in-error renal result is withdrawn: the plan goes back to the latest reading left. False when none was kept. */
    public boolean withdrawRenalFunction(String patientId, String sourceId) {
        Optional<RenalReading> known = renals.bySource(patientId, sourceId);
        if (known.isEmpty()) {
            return false;
        }
        replanRenal(patientId, known.get());
        return true;
    }

    private void replanRenal(String patientId, RenalReading withdrawn) {
        TherapyPlan plan = lock(patientId).orElse(null);
        if (plan != null && withdrawn != null && withdrawn.equals(plan.renalReading)) {
            plan.renalReading = null;
        }
        if (withdrawn != null) {
            renals.remove(withdrawn);
        }
        if (plan == null || plan.status == PlanStatus.DISCONTINUED) {
            return;
        }
        plan.renalReading = renals.latest(patientId).orElse(null);
        PlanRules.RenalFunction rule = knowledge.planRules().renalFunction();
        if (doses.recompute(plan)) {
            doses.reschedule(plan, null);
            String used = plan.renalReading == null ? "no renal reading left on file (the entered-in-error one was withdrawn)"
                    : plan.renalReading.describe() + (plan.renalReading.estimate ? "; " + rule.estimateNote() : "");
            changes.record(plan, Change.UPDATED, "renal function: " + used + "; interval now "
                    + (plan.doseInterval == null ? "none" : plan.doseInterval), rule.ruleId());
        } else {
            plan.updatedAt = Instant.now();
        }
    }

    /** A Patient resource gave (or changed) the birth date: the plan's age limits are checked again. */
    public void recordBirthDate(String patientId, java.time.LocalDate birthDate) {
        if (!ages.record(patientId, birthDate)) {
            return;
        }
        TherapyPlan plan = lock(patientId).orElse(null);
        if (plan == null || plan.status == PlanStatus.DISCONTINUED) {
            return;
        }
        plan.ageYears = PatientAges.ageYears(birthDate, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        String issueBefore = plan.doseIssue;
        if (doses.recompute(plan) || !java.util.Objects.equals(issueBefore, plan.doseIssue)) {
            changes.record(plan, Change.UPDATED, plan.doseIssue != null ? "age checked: " + plan.doseIssue : "age checked against the label",
                    RULE_AGE_CHECKED);
        }
    }

    /**
     * Stores a body-weight reading. The plan takes a first weight at once; a change of weight band
     * needs a consistent change over time (the knowledge base says how many readings over how many days).
     */
    public void recordWeight(String patientId, String sourceId, Instant measuredAt, double weightKg) {
        if (!weights.record(patientId, sourceId, measuredAt, weightKg)) {
            return;
        }
        TherapyPlan plan = lock(patientId).orElse(null);
        if (plan == null || plan.status == PlanStatus.DISCONTINUED) {
            return;
        }
        PlanRules.WeightBandChange rule = knowledge.planRules().weightBandChange();
        List<WeightReading> latest = weights.latest(patientId, Math.max(1, rule.consecutiveReadings()));
        if (latest.isEmpty() || !latest.get(0).sourceId.equals(sourceId)) {
            return; // an older reading arrived late: kept, but the latest reading decides
        }
        if (plan.dosingWeightKg == null) {
            plan.dosingWeightKg = weightKg;
            doses.recompute(plan);
            changes.record(plan, Change.UPDATED, "dosing weight from the first body-weight reading", RULE_WEIGHT_FIRST);
            return;
        }
        Optional<String> currentRegimen = doses.regimenAt(plan, plan.dosingWeightKg);
        Optional<String> newRegimen = doses.regimenAt(plan, weightKg);
        if (currentRegimen.equals(newRegimen)) {
            Double before = plan.dosingWeightKg;
            plan.dosingWeightKg = weightKg;
            if (doses.recompute(plan)) {
                changes.record(plan, Change.UPDATED, "dose follows the body weight inside the same weight band", RULE_WEIGHT_SAME_BAND);
            } else if (!before.equals(weightKg)) {
                plan.updatedAt = Instant.now();
            }
            return;
        }
        boolean consistent = latest.size() >= rule.consecutiveReadings()
                && latest.stream().allMatch(r -> doses.regimenAt(plan, r.weightKg).equals(newRegimen))
                && java.time.Duration.between(latest.get(latest.size() - 1).measuredAt, latest.get(0).measuredAt)
                        .toDays() >= rule.minDaysBetweenFirstAndLast();
        if (!consistent) {
            return; // one reading in another band does not move the plan
        }
        if (keepInterval(plan, weightKg, rule)) {
            return;
        }
        plan.dosingWeightKg = weightKg;
        doses.recompute(plan);
        doses.reschedule(plan, null);
        changes.record(plan, Change.WEIGHT_BAND_CHANGED, "weight band changed after " + rule.consecutiveReadings()
                + " consistent readings over at least " + rule.minDaysBetweenFirstAndLast() + " days", rule.ruleId());
    }
}
