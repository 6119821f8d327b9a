package org.ilsafety.dosing.calculation;

import java.util.List;

import org.ilsafety.common.knowledge.Provenance;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A calculated dose with everything needed to give it: what it is for, the dose, its schedule, its preparation
 * (volumes, vials or syringes), whether it is off-label, the warnings, and the rule, source and knowledge version
 * behind it. Nested here; one flat JSON object on the wire ({@code @JsonUnwrapped}), as the API has always answered.
 */
public record DoseCalculation(
        @JsonUnwrapped Treatment treatment,
        @JsonUnwrapped Dose dose,
        @JsonUnwrapped Schedule schedule,
        @JsonUnwrapped Preparation preparation,
        boolean offLabel,
        String authorization,
        List<String> warnings,
        @JsonUnwrapped Provenance provenance,
        boolean verified) {

    public DoseCalculation withWarnings(List<String> newWarnings) {
        return new DoseCalculation(treatment, dose, schedule, preparation, offLabel, authorization, List.copyOf(newWarnings), provenance,
                verified);
    }
}
