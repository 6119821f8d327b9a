package org.ilsafety.dosing.events;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Observation;
import org.ilsafety.common.fhir.LabUnits;
import org.ilsafety.common.fhir.ObservationFacts;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;
import org.ilsafety.dosing.plan.PlanMeasurements;
import org.ilsafety.dosing.renal.RenalReading;
import org.ilsafety.dosing.weight.WeightConverter;

/**
 * Observations from patient-events that dose: body weight (LOINC codes of plan-rules {@code bodyWeightLoinc}) and
 * creatinine clearance or eGFR (plan-rules {@code renalFunction.codes}), converted and kept through {@link PlanMeasurements}.
 * Any other code is ignored (CODE_NOT_MONITORED).
 */
@ApplicationScoped
public class ObservationEvents {
    private static final String LOINC = "http://loinc.org";

    private final PlanMeasurements measurements;
    private final DosingKnowledge knowledge;
    private final WeightConverter weights;
    private final LabUnits units;

    public ObservationEvents(PlanMeasurements measurements, DosingKnowledge knowledge, WeightConverter weights, LabUnits units) {
        this.measurements = measurements;
        this.knowledge = knowledge;
        this.weights = weights;
        this.units = units;
    }

    void apply(String patientId, Observation observation) {
        Optional<PlanRules.RenalCode> renalCode = renalCode(observation);
        if (isBodyWeight(observation)) {
            weight(patientId, observation);
        } else if (renalCode.isPresent()) {
            renalFunction(patientId, observation, renalCode.get());
        } else {
            InputOutcome.ignore(IgnoredReasons.CODE_NOT_MONITORED);
        }
    }

    private boolean isBodyWeight(Observation observation) {
        return observation.getCode().getCoding().stream()
                .anyMatch(c -> LOINC.equals(c.getSystem()) && knowledge.planRules().bodyWeightLoinc().contains(c.getCode()));
    }

    private Optional<PlanRules.RenalCode> renalCode(Observation observation) {
        PlanRules.RenalFunction renal = knowledge.planRules().renalFunction();
        return observation.getCode().getCoding().stream().map(c -> renal.code(c.getSystem(), c.getCode())).flatMap(Optional::stream).findFirst();
    }

    /**
     * A creatinine clearance or eGFR for the label's renal interval: final, amended and corrected results count (an
     * amended one replaces the earlier value), an entered-in-error one withdraws it; converted to mL/min.
     */
    private void renalFunction(String patientId, Observation observation, PlanRules.RenalCode code) {
        String sourceId = "Observation/" + observation.getIdElement().getIdPart();
        ObservationFacts.Status status = ObservationFacts.status(observation);
        if (status == ObservationFacts.Status.VOID) {
            if (!measurements.withdrawRenalFunction(patientId, sourceId)) {
                InputOutcome.ignore(IgnoredReasons.STATUS_NOT_ACTED_ON);
            }
            return;
        }
        if (status == ObservationFacts.Status.PRELIMINARY) {
            InputOutcome.ignore(IgnoredReasons.PRELIMINARY_RESULT);
            return;
        }
        if (!observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()) {
            throw new EventRejected("MISSING_RENAL_VALUE", "The creatinine clearance or eGFR observation has no quantity value");
        }
        ObservationFacts.Measured measured = ObservationFacts.measured(observation.getValueQuantity()).orElseThrow();
        String unit = knowledge.planRules().renalFunction().unit();
        double factor = units.factor(measured.unit(), unit).orElseThrow(() -> new EventRejected("UNKNOWN_RENAL_UNIT",
                "The creatinine clearance or eGFR has a unit that does not convert to " + unit));
        double mlPerMin = measured.value() * factor;
        if (!Double.isFinite(mlPerMin) || mlPerMin < 0) {
            throw new EventRejected("IMPLAUSIBLE_RENAL_VALUE", "The creatinine clearance or eGFR is not a finite, non-negative number");
        }
        if (measured.comparator() != null && knowledge.regimens().regimens().stream().map(r -> r.renal()).filter(r -> r != null)
                .anyMatch(r -> RenalReading.valueAgainst(mlPerMin, measured.comparator(), r.creatinineClearanceBelowMlPerMin()).isEmpty())) {
            InputOutcome.ignore(IgnoredReasons.VALUE_NOT_EXACT); // "> 25" cannot say whether the clearance is under 30
            return;
        }
        RenalReading reading = new RenalReading();
        reading.patientId = patientId;
        reading.sourceId = sourceId;
        reading.measuredAt = ObservationFacts.effective(observation).orElseGet(Instant::now);
        reading.mlPerMin = mlPerMin;
        reading.comparator = measured.comparator();
        reading.code = code.code();
        reading.display = code.estimate() ? "eGFR" : "creatinine clearance";
        reading.estimate = code.estimate();
        measurements.recordRenalFunction(reading);
    }

    /** The one Observation rule ({@link ObservationFacts}): only final, amended and corrected weights dose. */
    private void weight(String patientId, Observation observation) {
        ObservationFacts.Status status = ObservationFacts.status(observation);
        if (status != ObservationFacts.Status.COUNTS) {
            InputOutcome.ignore(status == ObservationFacts.Status.PRELIMINARY ? IgnoredReasons.PRELIMINARY_RESULT : IgnoredReasons.STATUS_NOT_ACTED_ON);
            return;
        }
        if (!observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()) {
            throw new EventRejected("MISSING_WEIGHT_VALUE", "The body-weight observation has no value");
        }
        ObservationFacts.Measured measured = ObservationFacts.measured(observation.getValueQuantity()).orElseThrow();
        if (measured.comparator() != null) {
            InputOutcome.ignore(IgnoredReasons.VALUE_NOT_EXACT); // a weight "> 150 kg" cannot dose
            return;
        }
        String unit = weights.toKg(1, measured.unit()).isPresent() ? measured.unit()
                : units.factor(measured.unit(), "kg").isPresent() ? "kg" : measured.unit();
        double value = unit.equals(measured.unit()) ? measured.value() : measured.value() * units.factor(measured.unit(), "kg").getAsDouble();
        double kg = weights.kilogramsOrReject(value, unit, "The body weight");
        Instant at = ObservationFacts.effective(observation).orElseGet(Instant::now);
        measurements.recordWeight(patientId, "Observation/" + observation.getIdElement().getIdPart(), at, kg);
    }
}
