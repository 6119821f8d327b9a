package org.ilsafety.dosing.calculation;

import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.Regimens;

/** The checks of a query's numbers against the knowledge base's plausible limits, before any arithmetic. */
final class DoseInputs {
    private final DosingKnowledge knowledge;

    DoseInputs(DosingKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    double weight(Double weightKg) {
        if (weightKg == null) {
            throw ProblemException.badRequest("weight", "body weight is required");
        }
        Regimens.Limits limits = knowledge.regimens().limits();
        if (weightKg.isNaN() || weightKg <= 0) {
            throw ProblemException.badRequest("weight.value", "body weight must be positive");
        }
        if (weightKg < limits.weightKgMin() || weightKg > limits.weightKgMax()) {
            throw ProblemException.badRequest("weight.value", "body weight must lie between " + limits.weightKgMin() + " kg and "
                    + limits.weightKgMax() + " kg");
        }
        return weightKg;
    }

    double age(Double ageYears) {
        if (ageYears == null) {
            throw ProblemException.badRequest("ageYears", "age in years is required");
        }
        double max = knowledge.regimens().limits().ageYearsMax();
        if (ageYears.isNaN() || ageYears < 0 || ageYears > max) {
            throw ProblemException.badRequest("ageYears", "age must lie between 0 and " + plain(max) + " years");
        }
        return ageYears;
    }

    /** NaN and infinities pass every comparison unnoticed: refused before any arithmetic. */
    static void finite(Double value, String field) {
        if (value != null && !Double.isFinite(value)) {
            throw ProblemException.badRequest(field, "must be a finite number");
        }
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, field + " is required");
        }
        return value.trim();
    }

    /** A number as a person writes it: 30, not 30.0. */
    static String plain(Double value) {
        return value == null ? "" : value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
    }
}
