package org.ilsafety.monitoring.lab;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 19 item 13: a screen result that says both a positive and a negative word is indeterminate, never negative. */
class ScreenOutcomeTest {
    static final ObservationReader READER = new ObservationReader(MonitoringKnowledge.packaged());

    @ParameterizedTest(name = "value {0} / interpretation {1} / text {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "260385009, -,   -,                        NEGATIVE",
            "10828004,  -,   -,                        POSITIVE",
            "-,         POS, -,                        POSITIVE",
            "-,         -,   negative,                 NEGATIVE",
            "260385009, POS, -,                        INDETERMINATE",
            "10828004,  NEG, -,                        INDETERMINATE",
            "-,         H,   negative,                 INDETERMINATE",
            "-,         -,   -,                        INDETERMINATE",
            "-,         -,   borderline,               INDETERMINATE",
    })
    void outcome(String valueCode, String interpretation, String text, String expected) {
        Observation observation = new Observation();
        if (valueCode != null) {
            observation.setValue(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", valueCode, null)));
        } else if (text != null) {
            observation.setValue(new StringType(text));
        }
        if (interpretation != null) {
            observation.addInterpretation(new CodeableConcept().addCoding(
                    new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", interpretation, null)));
        }
        if (valueCode != null && text != null) {
            throw new IllegalArgumentException("one value only");
        }
        assertEquals(expected, READER.outcome(observation));
    }

    /** Issue 19: a tuberculin skin test is read by its induration in mm (>= 5 mm positive, screening.yaml positiveAtLeast). */
    @ParameterizedTest(name = "TST {0} {1} {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "-,  4.9, mm,   NEGATIVE",
            "-,  5,   mm,   POSITIVE",
            "-,  12,  mm,   POSITIVE",
            "-,  0,   mm,   NEGATIVE",
            "<,  5,   mm,   NEGATIVE",
            "<=, 5,   mm,   INDETERMINATE",
            ">,  3,   mm,   INDETERMINATE",
            ">=, 10,  mm,   POSITIVE",
            "-,  0.5, cm,   INDETERMINATE",
            "-,  7,   -,    INDETERMINATE",
    })
    void aTuberculinSkinTestIsGradedOnItsInduration(String comparator, double value, String unit, String expected) {
        Observation observation = new Observation();
        observation.getCode().addCoding(new Coding(ObservationReader.LOINC, "1648-5", null));
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/tst"));
        observation.setId("tst-1");
        org.hl7.fhir.r4.model.Quantity quantity = new org.hl7.fhir.r4.model.Quantity(value);
        if (unit != null) {
            quantity.setSystem("http://unitsofmeasure.org").setCode(unit).setUnit(unit);
        }
        if (comparator != null) {
            quantity.setComparator(org.hl7.fhir.r4.model.Quantity.QuantityComparator.fromCode(comparator));
        }
        observation.setValue(quantity);
        ObservationReader.Reading reading = READER.read(observation);
        assertEquals(expected, ((ObservationReader.ScreenReading) reading).outcome());
        assertEquals("TB", ((ObservationReader.ScreenReading) reading).screen().id());
    }
}
