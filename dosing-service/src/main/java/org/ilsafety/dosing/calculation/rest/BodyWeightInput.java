package org.ilsafety.dosing.calculation.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.weight.WeightConverter;

/** Turns a request's weight into kilograms, refusing a missing value or an unknown unit by field. */
@ApplicationScoped
public class BodyWeightInput {
    private final WeightConverter converter;

    public BodyWeightInput(WeightConverter converter) {
        this.converter = converter;
    }

    public double kilograms(WeightInput weight) {
        if (weight == null) {
            throw ProblemException.badRequest("weight", "body weight is required");
        }
        if (weight.value() == null) {
            throw ProblemException.badRequest("weight.value", "the weight value is required");
        }
        if (!Double.isFinite(weight.value())) {
            throw ProblemException.badRequest("weight.value", "must be a finite number");
        }
        if (weight.unit() == null || weight.unit().isBlank()) {
            throw ProblemException.badRequest("weight.unit", "the weight unit is required (" + converter.knownUnits() + ")");
        }
        return converter.toKg(weight.value(), weight.unit())
                .orElseThrow(() -> ProblemException.badRequest("weight.unit", "unknown weight unit; use " + converter.knownUnits()));
    }
}
