package org.ilsafety.common.fhir;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The one reading of an Observation's status, time and quantity, for every service.
 * <ul>
 * <li>Status: final, amended and corrected count (acted on); preliminary and registered are stored and shown
 * where a service keeps results, never acted on; entered-in-error, cancelled and unknown are void. An
 * Observation without a status (invalid FHIR) counts, so a critical value is never lost.</li>
 * <li>Time: effectiveDateTime, effectiveInstant, effectivePeriod (start, else end), else issued.</li>
 * <li>Quantity: the value, its comparator (&lt;, &lt;=, &gt;=, &gt;), the unit (UCUM code, else the unit text),
 * and whether the value is a finite number.</li>
 * </ul>
 */
public final class ObservationFacts {
    private static final Set<String> COUNTS = Set.of("final", "amended", "corrected");
    private static final Set<String> PRELIMINARY = Set.of("preliminary", "registered");

    private ObservationFacts() {
    }

    public enum Status {
        COUNTS, PRELIMINARY, VOID
    }

    public static Status status(Observation observation) {
        if (!observation.hasStatus() || observation.getStatus() == null || observation.getStatus().toCode() == null) {
            return Status.COUNTS;
        }
        String code = observation.getStatus().toCode();
        return COUNTS.contains(code) ? Status.COUNTS : PRELIMINARY.contains(code) ? Status.PRELIMINARY : Status.VOID;
    }

    /** When the result applies; empty when the Observation says neither effective[x] nor issued. */
    public static Optional<Instant> effective(Observation observation) {
        if (observation.hasEffectiveDateTimeType() && observation.getEffectiveDateTimeType().getValue() != null) {
            return Optional.of(observation.getEffectiveDateTimeType().getValue().toInstant());
        }
        if (observation.hasEffectiveInstantType() && observation.getEffectiveInstantType().getValue() != null) {
            return Optional.of(observation.getEffectiveInstantType().getValue().toInstant());
        }
        if (observation.hasEffectivePeriod()) {
            if (observation.getEffectivePeriod().hasStart()) {
                return Optional.of(observation.getEffectivePeriod().getStart().toInstant());
            }
            if (observation.getEffectivePeriod().hasEnd()) {
                return Optional.of(observation.getEffectivePeriod().getEnd().toInstant());
            }
        }
        return observation.hasIssued() ? Optional.of(observation.getIssued().toInstant()) : Optional.empty();
    }

    /** A measured value: {@code comparator} is null for an exact value; {@code finite} is false for 1e400 and the like. */
    public record Measured(double value, String comparator, String unit) {
        public boolean finite() {
            return Double.isFinite(value);
        }
    }

    public static Optional<Measured> measured(Quantity quantity) {
        if (quantity == null || !quantity.hasValue()) {
            return Optional.empty();
        }
        String comparator = quantity.hasComparator() && quantity.getComparator() != null ? quantity.getComparator().toCode() : null;
        return Optional.of(new Measured(quantity.getValue().doubleValue(), comparator, unitOf(quantity)));
    }

    public static String unitOf(Quantity quantity) {
        if (quantity.hasCode()) {
            return quantity.getCode();
        }
        return quantity.hasUnit() ? quantity.getUnit() : null;
    }
}
