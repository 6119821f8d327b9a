package org.ilsafety.dosing.calculation;

import static org.ilsafety.dosing.calculation.DoseInputs.plain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.Regimens;

/**
 * Preparation of a dose: for IV the volume to draw, the diluent bag (by indication and weight), the infusion time and
 * the vials with the least waste; for SC the syringes, the volume to inject and whether the graduated syringe measures
 * the dose. Appends its warnings to the list it is given.
 */
public class Preparations {
    private final DosingKnowledge knowledge;

    public Preparations(DosingKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    Preparation prepare(String molecule, String indication, String route, double dose, double weightKg, List<String> warnings) {
        Regimens.Form form = knowledge.regimens().forms().stream()
                .filter(f -> f.molecule().equals(molecule) && f.route().equals(route)).findFirst()
                .orElseThrow(() -> ProblemException.unprocessable("route", "no " + route + " form of " + molecule + " is known"));
        if ("IV".equals(route)) {
            Regimens.Infusion infusion = knowledge.regimens().infusion();
            Double volumeToDraw = DoseArithmetic.round(knowledge, dose / form.concentrationMgPerMl());
            Integer bag = infusion.bags().stream().filter(b -> b.covers(indication, weightKg)).findFirst().map(b -> (int) b.diluentBagMl())
                    .orElse(null);
            List<VialCount> vials = VialSelector.select(dose, form.vials());
            Double waste = DoseArithmetic.round(knowledge, VialSelector.totalMg(vials) - dose);
            warnings.add(infusion.warning());
            return new Preparation(volumeToDraw, bag, infusion.minutes(), vials, waste, form.id(), null, null, null, null);
        }
        int syringes = (int) Math.ceil(dose / form.unitDoseMg() - 1e-9);
        double volumeToInject = BigDecimal.valueOf(dose * form.unitVolumeMl() / form.unitDoseMg()).setScale(2, RoundingMode.HALF_UP)
                .doubleValue();
        if (Double.compare(dose, form.unitDoseMg() * syringes) != 0) {
            warnings.add("Give " + volumeToInject + " mL from the graduated syringe (" + form.description() + "); discard the rest");
        }
        Boolean measurable = form.graduations() != null ? measurable(dose, form, warnings) : null;
        return new Preparation(null, null, null, null, null, form.id(), form.unitVolumeMl(), syringes, volumeToInject, measurable);
    }

    /**
     * Whether the graduated syringe measures the dose: not below its smallest mark, and on a mark (per
     * syringe). When not, the warning says so and names the nearest doses that can be measured.
     */
    private static boolean measurable(double dose, Regimens.Form form, List<String> warnings) {
        Regimens.Graduations marks = form.graduations();
        String unverified = marks.verified() ? "" : " (graduations not verified against the current label: " + marks.source() + ")";
        if (dose < marks.minMg()) {
            warnings.add("CANNOT BE MEASURED: " + plain(dose) + " mg is below the smallest graduation of the syringe (" + plain(marks.minMg())
                    + " mg); the prescriber must choose a measurable dose" + unverified);
            return false;
        }
        double perSyringe = dose - form.unitDoseMg() * Math.floor((dose - 1e-9) / form.unitDoseMg());
        double steps = perSyringe / marks.stepMg();
        if (Math.abs(steps - Math.rint(steps)) > 1e-6) {
            double lower = dose - (perSyringe - Math.floor(steps) * marks.stepMg());
            double higher = lower + marks.stepMg();
            warnings.add("CANNOT BE MEASURED: " + plain(dose) + " mg lies between the syringe graduations (every " + plain(marks.stepMg())
                    + " mg); the nearest measurable doses are " + plain(Math.max(lower, marks.minMg())) + " mg and " + plain(higher)
                    + " mg, for the prescriber to choose" + unverified);
            return false;
        }
        return true;
    }
}
