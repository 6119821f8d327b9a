package org.ilsafety.dosing.calculation;

import java.util.List;

/**
 * How the dose is prepared: for IV the volume to draw, diluent bag, infusion time, vials and their waste; for SC
 * the form, syringe volume and count, volume to inject and whether the graduated syringe measures the dose. The
 * other route's fields are null.
 */
public record Preparation(Double volumeToDrawMl, Integer diluentBagMl, Integer infusionMinutes, List<VialCount> vials,
        Double vialWasteMg, String form, Double syringeVolumeMl, Integer syringes, Double volumeToInjectMl, Boolean measurable) {
}
