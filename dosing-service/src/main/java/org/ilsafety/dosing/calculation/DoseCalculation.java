package org.ilsafety.dosing.calculation;

import java.util.List;

/**
 * A calculated dose with everything needed to give it: for IV the volume to draw, bag, infusion time
 * and vials; for SC the form and syringe volume, and whether the graduated syringe can measure the dose. A dose
 * repeated only on no improvement (CRS, COVID-19) has no interval; {@code repeat} says when a repeat may be given. Every result names its rule, source and knowledge version.
 */
public record DoseCalculation(
        String productId,
        String moleculeId,
        String indication,
        String route,
        Step step,
        Double doseMg,
        Double mgPerKg,
        double weightKg,
        boolean capped,
        Double maxDoseMg,
        String interval,
        Integer doseNumber,
        Integer maxAdditionalDoses,
        Integer remainingDoses,
        Double minHoursBetweenDoses,
        Integer courseDoses,
        String repeat,
        Double volumeToDrawMl,
        Integer diluentBagMl,
        Integer infusionMinutes,
        List<VialCount> vials,
        Double vialWasteMg,
        String form,
        Double syringeVolumeMl,
        Integer syringes,
        Double volumeToInjectMl,
        Boolean measurable,
        boolean offLabel,
        String authorization,
        List<String> warnings,
        String ruleId,
        String source,
        boolean verified,
        String knowledgeVersion) {

    public DoseCalculation withWarnings(List<String> newWarnings) {
        return new DoseCalculation(productId, moleculeId, indication, route, step, doseMg, mgPerKg, weightKg, capped, maxDoseMg, interval,
                doseNumber, maxAdditionalDoses, remainingDoses, minHoursBetweenDoses, courseDoses, repeat, volumeToDrawMl, diluentBagMl,
                infusionMinutes, vials, vialWasteMg, form, syringeVolumeMl, syringes, volumeToInjectMl, measurable, offLabel, authorization,
                List.copyOf(newWarnings), ruleId, source, verified, knowledgeVersion);
    }
}
