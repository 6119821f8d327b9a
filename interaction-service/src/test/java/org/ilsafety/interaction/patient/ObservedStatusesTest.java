package org.ilsafety.interaction.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Observation;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.common.fhir.ObservationFacts;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.interaction.check.CheckRequest;
import org.ilsafety.interaction.check.CheckResult;
import org.ilsafety.interaction.check.ConditionInput;
import org.ilsafety.interaction.check.InteractionChecker;
import org.ilsafety.interaction.check.Therapy;
import org.ilsafety.interaction.check.TherapyStatus;
import org.ilsafety.interaction.knowledge.InteractionKnowledge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 19: pregnancy and breastfeeding from Observations (rules.yaml observedStatuses), read as the recorded condition the
 * pregnancy rules match, so the checker gives the same information finding as for a Condition.
 */
class ObservedStatusesTest {
    static final InteractionKnowledge KNOWLEDGE = InteractionKnowledge.load(Optional.empty());
    static final ObservedStatuses STATUSES = new ObservedStatuses(KNOWLEDGE);
    static final InteractionChecker CHECKER = new InteractionChecker(KNOWLEDGE);
    static final Fhir FHIR = new Fhir();

    static Observation observation(String loinc, String value, String status) {
        return (Observation) FHIR.parse("""
                {"resourceType":"Observation","id":"obs-1","status":"%s","code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},
                 "subject":{"reference":"Patient/p"},"effectiveDateTime":"2026-11-20T08:00:00Z",%s}
                """.formatted(status, loinc, value));
    }

    static String coded(String code, String display) {
        return "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"%s\",\"display\":\"%s\"}]}".formatted(code, display);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}, finding {4}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            "82810-3; 77386006|Pregnant;                 final;       HOLDS;        tocilizumab.pregnancy-lactation",
            "82810-3; 60001007|Not pregnant;             final;       ENDS;         -",
            "11449-6; text:Patient reports she is pregnant; final;    HOLDS;        tocilizumab.pregnancy-lactation",
            "11449-6; text:not pregnant;                 final;       ENDS;         -",
            "2106-3;  10828004|Positive;                 final;       HOLDS;        tocilizumab.pregnancy-lactation",
            "2118-8;  260385009|Negative;                final;       ENDS;         -",
            "19080-1; interp:POS;                        final;       HOLDS;        tocilizumab.pregnancy-lactation",
            "19080-1; interp:N;                          final;       ENDS;         -",
            "82810-3; 261665006|Unknown;                 final;       UNRECOGNISED; -",
            "2106-3;  text:positive and negative;        final;       UNRECOGNISED; -",
            "63895-7; text:Exclusively breastfeeding;    final;       HOLDS;        tocilizumab.pregnancy-lactation",
            "63895-7; text:Not breastfeeding;            final;       ENDS;         -",
            "82810-3; 77386006|Pregnant;                 entered-in-error; HOLDS;   -",
    })
    void anObservationIsReadAsThePregnancyOrBreastfeedingCondition(String loinc, String value, String status,
            ObservedStatuses.Answer answer, String ruleId) {
        String json = value.startsWith("text:") ? "\"valueString\":\"" + value.substring(5) + "\""
                : value.startsWith("interp:") ? "\"valueQuantity\":{\"value\":1200,\"unit\":\"m[IU]/mL\"},\"interpretation\":[{\"coding\":[{\"code\":\""
                        + value.substring(7) + "\"}]}]"
                        : coded(value.split("\\|")[0], value.split("\\|")[1]);
        ObservedStatuses.Reading reading = STATUSES.read(observation(loinc, json, status)).orElseThrow();
        assertThat(reading.answer()).isEqualTo(answer);
        assertThat(reading.kind()).isEqualTo(loinc.equals("63895-7") ? "LACTATION" : "PREGNANCY");
        assertThat(reading.recorded().ref()).isEqualTo("Observation/obs-1");
        assertThat(reading.status()).isEqualTo(status.equals("final") ? ObservationFacts.Status.COUNTS : ObservationFacts.Status.VOID);
        assertThat(reading.recorded().state()).isEqualTo(status.equals("entered-in-error") ? RecordedConditions.State.ENTERED_IN_ERROR
                : answer == ObservedStatuses.Answer.HOLDS ? RecordedConditions.State.ACTIVE : RecordedConditions.State.INACTIVE);

        List<ConditionInput> inputs = reading.recorded().holds() ? reading.recorded().codes().stream()
                .map(c -> new ConditionInput(reading.recorded().ref(), c.system(), c.code(), reading.recorded().name(), false)).toList() : List.of();
        CheckResult result = CHECKER.check(new CheckRequest(new Therapy("tocilizumab", null, TherapyStatus.ACTIVE, null, null), List.of(), List.of(),
                inputs, java.time.LocalDate.of(2026, 11, 22)));
        if (ruleId == null) {
            assertThat(result.findings()).isEmpty();
        } else {
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.provenance().ruleId()).isEqualTo(ruleId);
                assertThat(f.matched().ref()).isEqualTo("Observation/obs-1");
                assertThat(f.management()).contains("pregnancy exposure registry");
            });
        }
    }

    @ParameterizedTest(name = "LOINC {0} is not a status")
    @CsvSource({ "751-8", "64084-7" })
    void otherObservationsAreNoStatus(String loinc) {
        assertThat(STATUSES.read(observation(loinc, coded("10828004", "Positive"), "final"))).isEmpty();
    }
}
