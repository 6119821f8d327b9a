package org.ilsafety.dosing.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.PlanStatus;
import org.ilsafety.common.events.TherapyPlanEvent.Change;
import org.ilsafety.dosing.calculation.Intervals;
import org.ilsafety.dosing.calculation.Step;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;
import org.ilsafety.dosing.patient.PatientAges;
import org.ilsafety.dosing.renal.RenalReading;
import org.ilsafety.dosing.renal.RenalReadings;
import org.ilsafety.dosing.weight.WeightReading;
import org.ilsafety.dosing.weight.WeightReadings;

/**
 * What is measured about the patient and moves the plan: body weight (the first reading at once, a change of weight band
 * only when consistent over time), renal function (the latest reading; anakinra's interval under 30 mL/min) and age
 * (from the birth date, against the label's age limits). Each is kept whether or not a plan exists.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class PlanMeasurements {
    private final TherapyPlans plans;
    private final PlanDoses doses;
    private final PlanChanges changes;
    private final WeightReadings weights;
    private final RenalReadings renals;
    private final PatientAges ages;
    private final DosingKnowledge knowledge;

    public PlanMeasurements(TherapyPlans plans, PlanDoses doses, PlanChanges changes, WeightReadings weights, RenalReadings renals,
            PatientAges ages, DosingKnowledge knowledge) {
        this.plans = plans;
        this.doses = doses;
        this.changes = changes;
        this.weights = weights;
        this.renals = renals;
        this.ages = ages;
        this.knowledge = knowledge;
    }

    /** A plan (re)started by order takes what is on file: the latest weight when it has none, the age, the latest renal reading. */
    void onFile(TherapyPlan plan) {
        if (plan.dosingWeightKg == null) {
            weights.latest(plan.patientId, 1).stream().findFirst().ifPresent(r -> plan.dosingWeightKg = r.weightKg);
        }
        ages.ageYears(plan.patientId, plan.startedAt).ifPresent(age -> plan.ageYears = age);
        plan.renalReading = renals.latest(plan.patientId).orElse(null);
    }

    /** A plan started by REST keeps the creatinine clearance the prescriber gave (as a reading) and takes the latest reading. */
    void renalFromRequest(TherapyPlan plan, Double creatinineClearanceMlPerMin) {
        if (creatinineClearanceMlPerMin != null) {
            renals.record(RenalReadings.fromRequest(plan.patientId, creatinineClearanceMlPerMin, Instant.now()));
        }
        plan.renalReading = renals.latest(plan.patientId).orElse(null);
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
        TherapyPlan plan = plans.lock(patientId).orElse(null);
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
                    + (plan.doseInterval == null ? "none" : plan.doseInterval), knowledge.provenance(rule.ruleId(), rule.source()));
        } else {
            plan.updatedAt = Instant.now();
        }
    }

    /** A Patient resource gave (or changed) the birth date: the plan's age limits are checked again. */
    public void recordBirthDate(String patientId, LocalDate birthDate) {
        if (!ages.record(patientId, birthDate)) {
            return;
        }
        TherapyPlan plan = plans.lock(patientId).orElse(null);
        if (plan == null || plan.status == PlanStatus.DISCONTINUED) {
            return;
        }
        plan.ageYears = PatientAges.ageYears(birthDate, LocalDate.now(ZoneOffset.UTC));
        String issueBefore = plan.doseIssue;
        if (doses.recompute(plan) || !Objects.equals(issueBefore, plan.doseIssue)) {
            changes.record(plan, Change.UPDATED, plan.doseIssue != null ? "age checked: " + plan.doseIssue : "age checked against the label",
                    knowledge.provenance(knowledge.planRules().procedures().ageChecked()));
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
        TherapyPlan plan = plans.lock(patientId).orElse(null);
        if (plan == null || plan.status == PlanStatus.DISCONTINUED) {
            return;
        }
        PlanRules.WeightBandChange rule = knowledge.planRules().weightBandChange();
        List<WeightReading> latest = weights.latest(patientId, Math.max(1, rule.consecutiveReadings()));
        if (latest.isEmpty() || !latest.get(0).sourceId.equals(sourceId)) {
            return; // an older reading arrived late: kept, but the latest reading decides
        }
        PlanRules.Procedures procedures = knowledge.planRules().procedures();
        if (plan.dosingWeightKg == null) {
            plan.dosingWeightKg = weightKg;
            doses.recompute(plan);
            changes.record(plan, Change.UPDATED, "dosing weight from the first body-weight reading", knowledge.provenance(procedures.firstWeight()));
            return;
        }
        Optional<String> currentRegimen = doses.regimenAt(plan, plan.dosingWeightKg);
        Optional<String> newRegimen = doses.regimenAt(plan, weightKg);
        if (currentRegimen.equals(newRegimen)) {
            Double before = plan.dosingWeightKg;
            plan.dosingWeightKg = weightKg;
            if (doses.recompute(plan)) {
                changes.record(plan, Change.UPDATED, "dose follows the body weight inside the same weight band",
                        knowledge.provenance(procedures.sameBandWeight()));
            } else if (!before.equals(weightKg)) {
                plan.updatedAt = Instant.now();
            }
            return;
        }
        boolean consistent = latest.size() >= rule.consecutiveReadings()
                && latest.stream().allMatch(r -> doses.regimenAt(plan, r.weightKg).equals(newRegimen))
                && Duration.between(latest.get(latest.size() - 1).measuredAt, latest.get(0).measuredAt)
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
                + " consistent readings over at least " + rule.minDaysBetweenFirstAndLast() + " days", knowledge.provenance(rule.ruleId(), rule.source()));
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
        Optional<Step> same = Arrays.stream(Step.values())
                .filter(s -> doses.rows(plan, s).stream().anyMatch(r -> interval.equals(r.interval()))).findFirst();
        Optional<String> newInterval = doses.rows(plan, before).stream().map(r -> r.interval()).findFirst();
        if (same.isEmpty() || newInterval.isEmpty() || newInterval.get() == null
                || Intervals.parse(newInterval.get(), "interval").compareTo(Intervals.parse(interval, "interval")) <= 0) {
            return false; // not a longer interval: the caller applies the band change as usual
        }
        plan.step = same.get();
        plan.reviewRequired = true;
        doses.recompute(plan);
        doses.reschedule(plan, null);
        changes.record(plan, Change.WEIGHT_BAND_CHANGED, "weight band changed after " + band.consecutiveReadings() + " consistent readings; "
                + keep.get().note() + (keep.get().verified() ? "" : " (the label is silent: rule not verified)"),
                knowledge.provenance(keep.get().ruleId(), keep.get().source()));
        return true;
    }
}
