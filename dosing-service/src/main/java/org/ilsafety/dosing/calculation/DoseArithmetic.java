package org.ilsafety.dosing.calculation;

import static org.ilsafety.dosing.calculation.DoseInputs.finite;
import static org.ilsafety.dosing.calculation.DoseInputs.plain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.Regimen;
import org.ilsafety.dosing.knowledge.Regimens;
import org.ilsafety.dosing.weight.Kilograms;

/**
 * Dose arithmetic: the dose of a labeled regimen row (mg/kg, a labeled mg/kg range or a flat dose; rounded, capped)
 * and its schedule (interval, renal interval, repeats and course), or the dose and interval a prescriber entered for
 * an off-label use. Appends its warnings, in order, to the list it is given.
 */
public class DoseArithmetic {
    private final DosingKnowledge knowledge;

    public DoseArithmetic(DosingKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    Dose labeledDose(DoseQuery query, Regimen regimen, double weightKg, List<String> warnings) {
        Double mgPerKg;
        double rawDose;
        if (regimen.mgPerKgRange() != null) {
            Regimens.MgPerKgRange range = regimen.mgPerKgRange();
            mgPerKg = query.mgPerKg() == null ? range.startMin() : query.mgPerKg();
            if (mgPerKg < range.min() || mgPerKg > range.max()) {
                throw ProblemException.unprocessable("mgPerKg", "the label allows " + range.min() + " to " + range.max()
                        + " mg/kg daily for " + regimen.indication() + "; " + mgPerKg + " mg/kg is outside it");
            }
            if (query.mgPerKg() == null) {
                warnings.add("No mgPerKg given: the low end of the labeled starting range (" + range.startMin() + " to "
                        + range.startMax() + " mg/kg) is used");
            } else if (mgPerKg > range.startMax()) {
                warnings.add("Above the labeled starting range (" + range.startMin() + " to " + range.startMax()
                        + " mg/kg): a titrated dose, adjusted in steps of " + range.adjustStepMin() + " to " + range.adjustStepMax() + " mg/kg");
            }
            rawDose = weightKg * mgPerKg;
        } else if (regimen.mgPerKg() != null) {
            mgPerKg = regimen.mgPerKg();
            if (query.mgPerKg() != null && Double.compare(query.mgPerKg(), mgPerKg) != 0) {
                throw ProblemException.unprocessable("mgPerKg", "the label fixes " + mgPerKg + " mg/kg for this regimen and step ("
                        + regimen.id() + "); choose the step, not the mg/kg");
            }
            rawDose = weightKg * mgPerKg;
        } else {
            mgPerKg = null;
            if (query.mgPerKg() != null) {
                throw ProblemException.unprocessable("mgPerKg", "this regimen is a flat dose (" + regimen.id() + "); mgPerKg does not apply");
            }
            rawDose = regimen.flatDoseMg();
        }
        double dose = round(rawDose);
        boolean capped = regimen.maxDoseMg() != null && dose > regimen.maxDoseMg();
        if (capped) {
            dose = regimen.maxDoseMg();
            warnings.add("Capped at " + regimen.maxDoseMg() + " mg per dose (" + round(rawDose) + " mg by weight)");
        }
        return new Dose(dose, mgPerKg, Kilograms.displayed(weightKg), capped, regimen.maxDoseMg());
    }

    Schedule labeledSchedule(DoseQuery query, Regimen regimen, List<String> warnings) {
        String interval = regimen.interval();
        Integer courseDoses = regimen.courseDoses();
        if (regimen.renal() != null && query.creatinineClearanceMlPerMin() != null
                && query.creatinineClearanceMlPerMin() < regimen.renal().creatinineClearanceBelowMlPerMin()) {
            interval = regimen.renal().interval();
            if (regimen.renal().courseDoses() != null) {
                courseDoses = regimen.renal().courseDoses();
            }
            warnings.add("Creatinine clearance under " + regimen.renal().creatinineClearanceBelowMlPerMin()
                    + " mL/min: the prescribed dose every other day");
        } else if (regimen.renal() != null && query.creatinineClearanceMlPerMin() == null) {
            warnings.add("Creatinine clearance unknown: the label's interval under " + plain(regimen.renal().creatinineClearanceBelowMlPerMin())
                    + " mL/min (" + regimen.renal().interval() + ") was not checked");
        }
        Integer doseNumber = query.doseNumber() == null ? 1 : query.doseNumber();
        Integer remaining = null;
        if (regimen.maxAdditionalDoses() != null) {
            int total = 1 + regimen.maxAdditionalDoses();
            if (doseNumber > total) {
                throw ProblemException.unprocessable("doseNumber", "the label allows at most " + total + " doses of " + regimen.indication()
                        + " (" + regimen.maxAdditionalDoses() + " after the first), each at least " + plain(regimen.minHoursBetweenDoses())
                        + " hours after the previous");
            }
            remaining = total - doseNumber;
            if (doseNumber > 1) {
                warnings.add("Repeat dose " + doseNumber + ": only if no clinical improvement, at least " + plain(regimen.minHoursBetweenDoses())
                        + " hours after the previous dose");
            }
        } else if (courseDoses != null) {
            if (doseNumber > courseDoses) {
                throw ProblemException.unprocessable("doseNumber", "the course of " + regimen.indication() + " is " + courseDoses + " doses");
            }
            remaining = courseDoses - doseNumber;
        } else if (query.doseNumber() == null) {
            doseNumber = null;
        }
        return new Schedule(interval, doseNumber, regimen.maxAdditionalDoses(), remaining, regimen.minHoursBetweenDoses(), courseDoses,
                regimen.repeat());
    }

    /** The dose of a prescriber-entered regimen, checked against the plausible limits of the knowledge base. */
    Dose offLabelDose(PrescriberRegimen regimen, double weightKg) {
        if (regimen == null) {
            throw ProblemException.unprocessable("prescriberRegimen", "an off-label use needs the prescriber-entered regimen");
        }
        if ((regimen.doseMg() == null) == (regimen.mgPerKg() == null)) {
            throw ProblemException.badRequest("prescriberRegimen", "give exactly one of doseMg and mgPerKg");
        }
        finite(regimen.doseMg(), "prescriberRegimen.doseMg");
        finite(regimen.mgPerKg(), "prescriberRegimen.mgPerKg");
        finite(regimen.maxDoseMg(), "prescriberRegimen.maxDoseMg");
        double raw = regimen.doseMg() != null ? regimen.doseMg() : regimen.mgPerKg() * weightKg;
        if (raw <= 0 || (regimen.maxDoseMg() != null && regimen.maxDoseMg() <= 0)) {
            throw ProblemException.badRequest("prescriberRegimen", "the dose and the cap must be positive");
        }
        Regimens.Limits limits = knowledge.regimens().limits();
        if (raw > limits.doseMgMax()) {
            throw ProblemException.badRequest(regimen.doseMg() != null ? "prescriberRegimen.doseMg" : "prescriberRegimen.mgPerKg",
                    "a single dose above " + plain(limits.doseMgMax()) + " mg is not plausible (" + limits.source() + ")");
        }
        String interval = regimen.interval();
        if (interval != null && Intervals.parse(interval, "prescriberRegimen.interval").toDays() > limits.maxIntervalDays()) {
            throw ProblemException.badRequest("prescriberRegimen.interval", "a dose interval may not exceed " + limits.maxIntervalDays()
                    + " days (" + limits.source() + ")");
        }
        double dose = round(raw);
        boolean capped = regimen.maxDoseMg() != null && dose > regimen.maxDoseMg();
        if (capped) {
            dose = regimen.maxDoseMg();
        }
        return new Dose(dose, regimen.mgPerKg(), Kilograms.displayed(weightKg), capped, regimen.maxDoseMg());
    }

    private double round(double value) {
        return round(knowledge, value);
    }

    /** A dose (or a volume) rounded to the knowledge base's rounding step (0.1), half up. */
    static double round(DosingKnowledge knowledge, double value) {
        double step = knowledge.regimens().limits().doseRoundingMg();
        int scale = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }
}
