package org.ilsafety.dosing.events;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;
import org.ilsafety.dosing.plan.OrderDetails;
import org.ilsafety.dosing.weight.WeightConverter;

/**
 * Reads from a MedicationRequest what chooses the step and the dosing weight: the ordered mg/kg
 * (doseAndRate.doseQuantity in mg/kg), the interval (timing.repeat period) and, unusually, a body
 * weight carried as an extension whose URL names the body weight.
 */
@ApplicationScoped
public class OrderDetailsReader {
    private final WeightConverter weights;

    public OrderDetailsReader(WeightConverter weights) {
        this.weights = weights;
    }

    public OrderDetails read(MedicationRequest request) {
        Double mgPerKg = null;
        String interval = null;
        Double weightKg = weight(request.getExtension()).orElse(null);
        for (Dosage dosage : request.getDosageInstruction()) {
            for (Dosage.DosageDoseAndRateComponent rate : dosage.getDoseAndRate()) {
                if (rate.hasDoseQuantity() && isMgPerKg(rate.getDoseQuantity())) {
                    mgPerKg = rate.getDoseQuantity().getValue().doubleValue();
                }
            }
            if (dosage.hasTiming() && dosage.getTiming().hasRepeat()) {
                interval = interval(dosage.getTiming().getRepeat()).orElse(interval);
            }
            if (weightKg == null) {
                weightKg = weight(dosage.getExtension()).orElse(null);
            }
        }
        return new OrderDetails(weightKg, mgPerKg, interval);
    }

    private static boolean isMgPerKg(Quantity quantity) {
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        return quantity.hasValue() && unit != null && unit.replace(" ", "").equalsIgnoreCase("mg/kg");
    }

    private static Optional<String> interval(Timing.TimingRepeatComponent repeat) {
        if (!repeat.hasPeriod() || !repeat.hasPeriodUnit() || (repeat.hasFrequency() && repeat.getFrequency() != 1)) {
            return Optional.empty();
        }
        int period = repeat.getPeriod().intValue();
        return switch (repeat.getPeriodUnit()) {
            case WK -> Optional.of("P" + period + "W");
            case D -> Optional.of("P" + period + "D");
            case H -> Optional.of("PT" + period + "H");
            default -> Optional.empty();
        };
    }

    private Optional<Double> weight(java.util.List<Extension> extensions) {
        for (Extension extension : extensions) {
            String url = extension.getUrl() == null ? "" : extension.getUrl().toLowerCase(Locale.ROOT);
            if ((url.contains("body-weight") || url.contains("bodyweight")) && extension.getValue() instanceof Quantity quantity
                    && quantity.hasValue()) {
                String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
                return Optional.of(weights.kilogramsOrReject(quantity.getValue().doubleValue(), unit, "The order's body weight"));
            }
        }
        return Optional.empty();
    }
}
