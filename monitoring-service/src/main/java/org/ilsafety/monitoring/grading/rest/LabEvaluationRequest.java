package org.ilsafety.monitoring.grading.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.ilsafety.monitoring.grading.Context;

/** POST /api/v1/lab-evaluations: results to grade for a drug, indication, route and context. */
public record LabEvaluationRequest(
        @NotBlank @Pattern(regexp = "tocilizumab|anakinra", message = "must be tocilizumab or anakinra") String drug,
        @NotBlank @Pattern(regexp = "RA|GCA|SSC_ILD|PJIA|SJIA|CRS|COVID_19|CAPS_NOMID|DIRA", message = "must be one of RA, GCA, SSC_ILD, PJIA, SJIA, CRS, COVID_19, CAPS_NOMID, DIRA") String indication,
        @NotBlank @Pattern(regexp = "IV|SC", message = "must be IV or SC") String route,
        @NotNull Context context,
        @NotEmpty @Size(max = 200) List<@Valid @NotNull Result> results) {

    /** One result: LOINC code, value, UCUM unit and the upper limit of normal when the lab gave one (both finite: checked by the resource). */
    public record Result(
            @NotBlank @Size(max = 32) String code,
            @NotNull @PositiveOrZero Double value,
            @NotBlank @Size(max = 32) String unit,
            Double referenceHigh) {
    }
}
