package org.ilsafety.dosing.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.calculation.DoseCalculation;
import org.ilsafety.dosing.calculation.DoseCalculator;
import org.ilsafety.dosing.calculation.Intervals;
import org.ilsafety.dosing.calculation.DoseQuery;
import org.ilsafety.dosing.calculation.PrescriberRegimen;
import org.ilsafety.dosing.calculation.Schedule;
import org.ilsafety.dosing.calculation.Step;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;
import org.ilsafety.dosing.knowledge.Regimen;
import org.ilsafety.dosing.knowledge.Regimens;
import org.ilsafety.dosing.renal.RenalReading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The current dose of a plan, from its product, indication, route, dosing weight and step. */
@ApplicationScoped
public class PlanDoses {
    private final DoseCalculator calculator;
    private final DosingKnowledge knowledge;
    private final ObjectMapper objectMapper;

    public PlanDoses(DoseCalculator calculator, DosingKnowledge knowledge, ObjectMapper objectMapper) {
        this.calculator = calculator;
        this.knowledge = knowledge;
        this.objectMapper = objectMapper;
    }

    /** Calculates the dose for the plan as it stands, or the reason none can be calculated. */
    public Optional<DoseCalculation> calculate(TherapyPlan plan, Step step, Double weightKg) {
        return Optional.ofNullable(tryCalculate(plan, step, weightKg).dose);
    }

    /** Recalculates and stores the plan's current dose; returns true when the dose in mg or the interval changed. */
    public boolean recompute(TherapyPlan plan) {
        Double before = plan.doseMg;
        String intervalBefore = plan.doseInterval;
        Attempt attempt = tryCalculate(plan, plan.step, plan.dosingWeightKg);
        if (attempt.dose == null) {
            plan.doseMg = null;
            plan.doseInterval = null;
            plan.currentDose = null;
            plan.doseIssue = attempt.issue;
        } else {
            plan.doseMg = attempt.dose.dose().doseMg();
            plan.doseInterval = attempt.dose.schedule().interval();
            plan.currentDose = json(attempt.dose);
            plan.doseIssue = null;
        }
        return !java.util.Objects.equals(before, plan.doseMg) || !java.util.Objects.equals(intervalBefore, plan.doseInterval);
    }

    /** The stored current dose. */
    public Optional<DoseCalculation> current(TherapyPlan plan) {
        if (plan.currentDose == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(objectMapper.readValue(plan.currentDose, DoseCalculation.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored dose cannot be read", e);
        }
    }

    /** The regimen row that applies at this weight (to tell whether a reading changes the weight band). */
    public Optional<String> regimenAt(TherapyPlan plan, double weightKg) {
        return calculate(plan, plan.step, weightKg).map(dose -> dose.provenance().ruleId());
    }

    /** True when the label has this step for the plan (for any weight band while the weight is unknown). */
    public boolean hasStep(TherapyPlan plan, Step step) {
        return !rows(plan, step).isEmpty();
    }

    /**
     * True when the plan already gives the labeled reduced dose: its step is REDUCED, or its current row
     * is also the REDUCED row (RA IV 4 mg/kg, RA SC under 100 kg every other week), or the REDUCED row
     * gives the same dose and interval.
     */
    public boolean atReducedDose(TherapyPlan plan) {
        if (plan.step == Step.REDUCED) {
            return true;
        }
        List<Regimen> reduced = rows(plan, Step.REDUCED);
        List<Regimen> current = rows(plan, plan.step);
        // Without a weight every band's row must already be at the reduced dose.
        return !current.isEmpty() && current.stream().allMatch(row -> reduced.stream().anyMatch(r -> r.id().equals(row.id())
                || java.util.Objects.equals(r.mgPerKg(), row.mgPerKg()) && java.util.Objects.equals(r.flatDoseMg(), row.flatDoseMg())
                        && java.util.Objects.equals(r.interval(), row.interval())));
    }

    /**
     * The labeled regimen rows of a step for the plan's molecule, indication and route, narrowed to its
     * weight band and age where they are known.
     */
    public List<Regimen> rows(TherapyPlan plan, Step step) {
        if (plan.offLabel || plan.indication == null || plan.route == null) {
            return List.of();
        }
        return knowledge.regimens().regimens().stream()
                .filter(r -> r.molecule().equals(plan.moleculeId) && r.indication().equals(plan.indication) && r.route().equals(plan.route))
                .filter(r -> r.calculable() && r.appliesTo(step))
                .filter(r -> plan.dosingWeightKg == null || r.coversWeight(plan.dosingWeightKg))
                .filter(r -> plan.ageYears == null || r.coversAge(plan.ageYears))
                .toList();
    }

    /** When the next dose is due after a dose given at {@code at}, and the earliest repeat where the label allows repeats. */
    public void scheduleAfterDose(TherapyPlan plan, Instant at) {
        Optional<DoseCalculation> dose = current(plan);
        plan.earliestRepeatAt = null;
        plan.nextDueAt = null;
        if (dose.isEmpty()) {
            return;
        }
        Schedule d = dose.get().schedule();
        if (d.maxAdditionalDoses() != null) {
            if (plan.dosesGiven < 1 + d.maxAdditionalDoses()) {
                plan.earliestRepeatAt = at.plus(Duration.ofMinutes(Math.round(d.minHoursBetweenDoses() * 60)));
            }
            return;
        }
        if (d.courseDoses() != null && plan.dosesGiven >= d.courseDoses()) {
            return;
        }
        if (d.interval() != null) {
            plan.nextDueAt = at.plus(Intervals.parse(d.interval(), "interval"));
        }
    }

    /** After a change of step or interval: the next dose from the last one, never before {@code notBefore}. */
    public void reschedule(TherapyPlan plan, Instant notBefore) {
        if (plan.lastDoseAt == null) {
            plan.nextDueAt = notBefore != null ? notBefore : plan.startedAt;
            return;
        }
        scheduleAfterDose(plan, plan.lastDoseAt);
        if (plan.nextDueAt != null && notBefore != null && plan.nextDueAt.isBefore(notBefore)) {
            plan.nextDueAt = notBefore;
        }
    }

    private Attempt tryCalculate(TherapyPlan plan, Step step, Double weightKg) {
        if (plan.indication == null) {
            return new Attempt(null, "indication unknown: the order names none the suite knows");
        }
        if (plan.route == null) {
            return new Attempt(null, "route unknown: the order names no IV or SC route");
        }
        if (weightKg == null) {
            return new Attempt(null, "awaiting a body weight (Observation LOINC 29463-7 or 3141-9, or a weight on the order)");
        }
        PrescriberRegimen prescriber = null;
        if (plan.offLabel && plan.prescriberRegimen != null) {
            try {
                prescriber = objectMapper.readValue(plan.prescriberRegimen, PrescriberRegimen.class);
            } catch (JsonProcessingException e) {
                return new Attempt(null, "the stored prescriber regimen cannot be read");
            }
        }
        Optional<Regimens.Renal> renal = renalRule(plan, step);
        Double clearance = renal.flatMap(r -> Optional.ofNullable(plan.renalReading)
                .flatMap(reading -> reading.valueAgainst(r.creatinineClearanceBelowMlPerMin()))).orElse(null);
        DoseQuery query = new DoseQuery(plan.productId, null, plan.indication, plan.route, weightKg, plan.ageYears, step,
                plan.requestedMgPerKg, clearance, null, plan.offLabel, prescriber);
        try {
            DoseCalculation dose = calculator.calculate(query, false);
            return new Attempt(renal.isPresent() ? withRenalReading(dose, plan.renalReading, clearance) : dose, null);
        } catch (ProblemException e) {
            return new Attempt(null, e.getMessage());
        }
    }

    /** The label's renal rule of the plan's row at this step (anakinra), if any. */
    private Optional<Regimens.Renal> renalRule(TherapyPlan plan, Step step) {
        return rows(plan, step).stream().map(Regimen::renal).filter(java.util.Objects::nonNull).findFirst();
    }

    /** True when the row's renal interval applies to the plan: its renal reading is under the row's threshold. */
    public boolean renalIntervalApplies(TherapyPlan plan, Regimen row) {
        return row.renal() != null && plan.renalReading != null && plan.renalReading.valueAgainst(row.renal().creatinineClearanceBelowMlPerMin())
                .filter(v -> v < row.renal().creatinineClearanceBelowMlPerMin()).isPresent();
    }

    /** The dose names the renal reading it used, and says when it is an estimate or leaves the threshold open. */
    private DoseCalculation withRenalReading(DoseCalculation dose, RenalReading reading, Double clearance) {
        if (reading == null) {
            return dose; // the calculator says the renal function is unknown
        }
        PlanRules.RenalFunction rules = knowledge.planRules().renalFunction();
        List<String> warnings = new java.util.ArrayList<>(dose.warnings());
        warnings.add("Renal function used: " + reading.describe() + (reading.estimate ? "; " + rules.estimateNote() : ""));
        if (clearance == null) {
            warnings.add("The renal value " + reading.comparator + reading.mlPerMin + " mL/min does not say on which side of the label's"
                    + " threshold it lies: the renal interval was not checked");
        }
        return dose.withWarnings(warnings);
    }

    private String json(DoseCalculation dose) {
        try {
            return objectMapper.writeValueAsString(dose);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dose cannot be stored", e);
        }
    }

    private record Attempt(DoseCalculation dose, String issue) {
    }
}
