package org.ilsafety.monitoring.lab;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.ilsafety.common.fhir.ObservationFacts;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.monitoring.grading.LabValue;
import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Screening;

/**
 * Reads what monitoring needs from an Observation, through the common rule ({@link ObservationFacts}): a lab
 * value (LOINC, valueQuantity with its comparator, unit, referenceRange[0].high) or a screen outcome. Void
 * statuses are ignored; preliminary results are stored and shown, never acted on. Rejects (dead letter) what
 * can never be applied: a graded lab without a value (MISSING_VALUE), with a non-numeric value
 * (NON_NUMERIC_VALUE), or with a negative value (IMPOSSIBLE_VALUE). An unknown unit, a bound that does not
 * decide the band, or a non-finite value is not rejected: it is stored and graded UNGRADABLE, with an alert.
 */
@ApplicationScoped
public class ObservationReader {
    public static final String LOINC = "http://loinc.org";

    private final MonitoringKnowledge knowledge;

    public ObservationReader(MonitoringKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    public sealed interface Reading permits LabReading, ScreenReading, Ignored {
    }

    /** A lab result of a monitored analyte: the value as the lab sent it ({@code lab}), when, and whether it is preliminary. */
    public record LabReading(String patientId, String observationId, LabRules.Analyte analyte, LabValue lab, Instant observedAt,
            boolean preliminary) implements Reading {

        public String loinc() {
            return lab.code();
        }
    }

    public record ScreenReading(String patientId, String observationId, Screening.Screen screen, String outcome, Instant observedAt)
            implements Reading {
    }

    /** {@code reason}: a code of {@link org.ilsafety.common.inbox.IgnoredReasons}. */
    public record Ignored(String reason) implements Reading {
    }

    public Reading read(Observation observation) {
        ObservationFacts.Status status = ObservationFacts.status(observation);
        if (status == ObservationFacts.Status.VOID) {
            return new Ignored(IgnoredReasons.STATUS_NOT_ACTED_ON);
        }
        String patientId = PatientEventParser.patientOf(observation).orElseThrow();
        String id = observation.getIdElement().getIdPart();
        Instant observedAt = observedAt(observation);
        for (Coding coding : observation.getCode().getCoding()) {
            if (coding.getCode() == null || (coding.hasSystem() && !LOINC.equals(coding.getSystem()))) {
                continue;
            }
            Optional<LabRules.Analyte> analyte = knowledge.analyteByLoinc(coding.getCode());
            if (analyte.isPresent()) {
                return lab(observation, patientId, id, coding.getCode(), analyte.get(), observedAt, status == ObservationFacts.Status.PRELIMINARY);
            }
            Optional<Screening.Screen> screen = screen(coding.getCode());
            if (screen.isPresent()) {
                if (status == ObservationFacts.Status.PRELIMINARY) {
                    return new Ignored(IgnoredReasons.PRELIMINARY_RESULT);
                }
                Screening.LoincCode code = screen.get().loinc().stream().filter(c -> c.code().equals(coding.getCode())).findFirst().orElseThrow();
                String outcome = code.measured() && observation.hasValueQuantity() ? measuredOutcome(observation.getValueQuantity(), code)
                        : outcome(observation);
                return new ScreenReading(patientId, id, screen.get(), outcome, observedAt);
            }
        }
        return new Ignored(IgnoredReasons.CODE_NOT_MONITORED);
    }

    private LabReading lab(Observation observation, String patientId, String id, String loinc, LabRules.Analyte analyte, Instant observedAt,
            boolean preliminary) {
        if (!observation.hasValue()) {
            throw new EventRejected("MISSING_VALUE", "The " + analyte.id() + " Observation has no value");
        }
        if (!observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()) {
            throw new EventRejected("NON_NUMERIC_VALUE", "The " + analyte.id() + " Observation has no numeric valueQuantity");
        }
        ObservationFacts.Measured measured = ObservationFacts.measured(observation.getValueQuantity()).orElseThrow();
        if (measured.value() < 0 || Double.isNaN(measured.value())) {
            throw new EventRejected("IMPOSSIBLE_VALUE", "The " + analyte.id() + " Observation value is negative");
        }
        Double high = null;
        String highUnit = null;
        if (observation.hasReferenceRange() && observation.getReferenceRangeFirstRep().hasHigh()
                && observation.getReferenceRangeFirstRep().getHigh().hasValue()) {
            Quantity h = observation.getReferenceRangeFirstRep().getHigh();
            high = h.getValue().doubleValue();
            highUnit = ObservationFacts.unitOf(h);
        }
        return new LabReading(patientId, id, analyte, new LabValue(loinc, measured.value(), measured.unit(), high, highUnit, measured.comparator()),
                observedAt, preliminary);
    }

    private Optional<Screening.Screen> screen(String loinc) {
        return knowledge.screening().content().screens().stream()
                .filter(s -> s.loinc().stream().anyMatch(c -> c.code().equals(loinc))).findFirst();
    }

    /** POSITIVE, NEGATIVE or INDETERMINATE from valueCodeableConcept, interpretation or valueString. */
    String outcome(Observation observation) {
        Screening screening = knowledge.screening().content();
        StringBuilder said = new StringBuilder();
        if (observation.hasValueCodeableConcept()) {
            collect(observation.getValueCodeableConcept(), said);
        }
        observation.getInterpretation().forEach(c -> collect(c, said));
        if (observation.hasValueStringType()) {
            said.append('|').append(observation.getValueStringType().getValue());
        }
        boolean negative = false;
        boolean positive = false;
        for (String token : said.toString().toLowerCase(Locale.ROOT).split("\\|")) {
            String t = token.trim();
            negative |= screening.negativeCodes().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(t));
            positive |= screening.positiveCodes().stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).equals(t));
        }
        // A result that says both (a positive interpretation on a "negative" text) is never taken as negative.
        return positive == negative ? "INDETERMINATE" : positive ? "POSITIVE" : "NEGATIVE";
    }

    /**
     * A measured screen (a tuberculin skin test's induration): POSITIVE at or above the cut-off, NEGATIVE below it, in the
     * code's unit only; another unit, no number, or a bound that does not decide (&gt;3 mm against 5) is INDETERMINATE.
     */
    static String measuredOutcome(Quantity quantity, Screening.LoincCode code) {
        Optional<ObservationFacts.Measured> measured = ObservationFacts.measured(quantity);
        if (measured.isEmpty() || !measured.get().finite() || measured.get().unit() == null
                || !measured.get().unit().trim().equalsIgnoreCase(code.unit())) {
            return "INDETERMINATE";
        }
        double value = measured.get().value();
        double cutoff = code.positiveAtLeast();
        String comparator = measured.get().comparator();
        if (comparator == null) {
            return value >= cutoff ? "POSITIVE" : "NEGATIVE";
        }
        return switch (comparator) {
            case "<" -> value <= cutoff ? "NEGATIVE" : "INDETERMINATE";
            case "<=" -> value < cutoff ? "NEGATIVE" : "INDETERMINATE";
            case ">", ">=" -> value >= cutoff ? "POSITIVE" : "INDETERMINATE";
            default -> "INDETERMINATE";
        };
    }

    private static void collect(CodeableConcept concept, StringBuilder said) {
        concept.getCoding().forEach(c -> said.append('|').append(c.getCode()).append('|').append(c.getDisplay()));
        if (concept.hasText()) {
            said.append('|').append(concept.getText());
        }
    }

    private static Instant observedAt(Observation observation) {
        return ObservationFacts.effective(observation).orElseGet(Instant::now);
    }
}
