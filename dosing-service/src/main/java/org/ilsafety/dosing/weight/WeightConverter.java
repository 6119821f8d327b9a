package org.ilsafety.dosing.weight;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.Regimens;

/** Body weight in kilograms from a value and a unit the knowledge base lists (kg, g, lb, [lb_av]). */
@ApplicationScoped
public class WeightConverter {
    private final DosingKnowledge knowledge;

    public WeightConverter(DosingKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    /** Empty when the unit is not one the knowledge base knows. */
    public Optional<Double> toKg(double value, String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        return knowledge.regimens().weightUnits().stream()
                .filter(u -> u.unit().equals(unit.trim()))
                .findFirst()
                .map(u -> value * u.kgPerUnit());
    }

    /**
     * For an inbound event: kilograms, or the event is rejected (unknown unit, implausible value) with a
     * reason that names no value. {@code what} says whose weight, e.g. "The body weight".
     */
    public double kilogramsOrReject(double value, String unit, String what) {
        double kg = toKg(value, unit).orElseThrow(() -> new EventRejected("UNKNOWN_WEIGHT_UNIT", what + " has a unit the service does not know"));
        if (!plausible(kg)) {
            throw new EventRejected("IMPLAUSIBLE_WEIGHT", what + " lies outside the plausible limits " + limitsText());
        }
        return kg;
    }

    public String knownUnits() {
        return String.join(", ", knowledge.regimens().weightUnits().stream().map(Regimens.WeightUnit::unit).toList());
    }

    /** True when the weight lies inside the plausible limits of the knowledge base. */
    public boolean plausible(double weightKg) {
        Regimens.Limits limits = knowledge.regimens().limits();
        return weightKg >= limits.weightKgMin() && weightKg <= limits.weightKgMax();
    }

    public String limitsText() {
        Regimens.Limits limits = knowledge.regimens().limits();
        return "from " + limits.weightKgMin() + " kg to " + limits.weightKgMax() + " kg";
    }
}
