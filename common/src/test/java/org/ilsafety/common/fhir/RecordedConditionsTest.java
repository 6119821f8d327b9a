package org.ilsafety.common.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.knowledge.ConditionSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven tests of reading a Condition or AllergyIntolerance: its state, codes, name, and which version stands. */
class RecordedConditionsTest {
    static final PatientEventParser PARSER = new PatientEventParser(new Fhir());

    static RecordedConditions.Recorded read(String json) {
        return RecordedConditions.read(PARSER.parse(new ConsumerRecord<>("patient-events", 0, 0, "p-1", json)).body()).orElseThrow();
    }

    static String status(String system, String code) {
        return code.isEmpty() ? "" : "\"" + system + "\":{\"coding\":[{\"code\":\"" + code + "\"}]},";
    }

    @ParameterizedTest(name = "{0} clinical={1} verification={2} abatement={3}: {4}")
    @CsvSource(delimiter = '|', value = {
            "AllergyIntolerance | active     | confirmed        | false | ACTIVE",
            "AllergyIntolerance | active     | unconfirmed      | false | ACTIVE",
            "AllergyIntolerance | ''         | ''               | false | ACTIVE",
            "AllergyIntolerance | inactive   | confirmed        | false | INACTIVE",
            "AllergyIntolerance | resolved   | confirmed        | false | INACTIVE",
            "AllergyIntolerance | active     | entered-in-error | false | ENTERED_IN_ERROR",
            "AllergyIntolerance | ''         | entered-in-error | false | ENTERED_IN_ERROR",
            "AllergyIntolerance | active     | refuted          | false | REFUTED",
            "Condition          | active     | confirmed        | false | ACTIVE",
            "Condition          | recurrence | provisional      | false | ACTIVE",
            "Condition          | remission  | confirmed        | false | INACTIVE",
            "Condition          | resolved   | confirmed        | false | INACTIVE",
            "Condition          | ''         | confirmed        | true  | INACTIVE",
            "Condition          | active     | confirmed        | true  | ACTIVE",
            "Condition          | active     | entered-in-error | false | ENTERED_IN_ERROR",
            "Condition          | active     | refuted          | false | REFUTED"
    })
    void theStateFollowsTheVerificationThenTheClinicalStatus(String type, String clinical, String verification, boolean abated, String state) {
        String subject = type.equals("Condition") ? "subject" : "patient";
        RecordedConditions.Recorded recorded = read("{\"resourceType\":\"" + type + "\",\"id\":\"x\"," + status("clinicalStatus", clinical)
                + status("verificationStatus", verification) + (abated ? "\"abatementDateTime\":\"2025-01-01\"," : "")
                + "\"code\":{\"text\":\"t\"},\"" + subject + "\":{\"reference\":\"Patient/p-1\"}}");
        assertEquals(RecordedConditions.State.valueOf(state), recorded.state());
        assertEquals(state.equals("ACTIVE"), recorded.holds());
        assertEquals(type + "/x", recorded.ref());
    }

    @ParameterizedTest(name = "codes {0}, text {1}: name {3}")
    @CsvSource(delimiter = ';', value = {
            "'{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\" 612865 \",\"display\":\"tocilizumab\"}' ; '' ; http://www.nlm.nih.gov/research/umls/rxnorm|612865 ; tocilizumab",
            "'{\"system\":\"http://snomed.info/sct\",\"code\":\"24700007\",\"display\":\"MS\"}' ; Multiple sclerosis ; http://snomed.info/sct|24700007 ; Multiple sclerosis",
            "'{\"code\":\"K57\"}' ; Diverticulitis ; |K57 ; Diverticulitis",
            "'' ; E. coli proteins ; '' ; E. coli proteins"
    })
    void codesAndNameAreRead(String coding, String text, String codes, String name) {
        RecordedConditions.Recorded recorded = read("{\"resourceType\":\"AllergyIntolerance\",\"id\":\"a\",\"code\":{\"coding\":[" + coding + "]"
                + (text.isEmpty() ? "" : ",\"text\":\"" + text + "\"") + "},\"patient\":{\"reference\":\"Patient/p-1\"}}");
        assertEquals(codes, String.join(",", recorded.codes().stream().map(c -> (c.system() == null ? "" : c.system()) + "|" + c.code()).toList()));
        assertEquals(name, recorded.name());
        assertEquals(recorded.codes().size(), recorded.concept().getCoding().size());
    }

    @ParameterizedTest(name = "version {0} ({1}) after kept {2} ({3}): supersedes {4}")
    @CsvSource(delimiter = '|', value = {
            "3  | ''                   | 2  | ''                   | true",
            "2  | ''                   | 3  | ''                   | false",
            "10 | ''                   | 9  | ''                   | true",
            "2  | ''                   | 2  | ''                   | true",
            "b  | 2026-01-02T00:00:00Z | a  | 2026-01-01T00:00:00Z | true",
            "b  | 2026-01-01T00:00:00Z | a  | 2026-01-02T00:00:00Z | false",
            "'' | ''                   | 5  | ''                   | true"
    })
    void aVersionOlderThanTheOneKeptDoesNotSupersedeIt(String version, String updated, String keptVersion, String keptUpdated, boolean supersedes) {
        RecordedConditions.Recorded recorded = new RecordedConditions.Recorded("Condition/c", false, RecordedConditions.State.ACTIVE,
                version.isEmpty() ? null : version, updated.isEmpty() ? null : Instant.parse(updated), List.of(), null);
        assertEquals(supersedes, recorded.supersedes(keptVersion, keptUpdated.isEmpty() ? null : Instant.parse(keptUpdated)));
    }

    @ParameterizedTest(name = "{0}|{1} \"{2}\" in the set: {3}")
    @CsvSource(delimiter = '|', value = {
            "http://hl7.org/fhir/sid/icd-10-cm | k57.32   | ''                          | true",
            "http://hl7.org/fhir/sid/icd-10    | K57.32   | ''                          | false",
            "http://snomed.info/sct            | 24700007 | ''                          | true",
            "''                                | ''       | E. coli-derived proteins    | true",
            "''                                | ''       | Escherichia coli            | true",
            "''                                | ''       | coliform                    | false"
    })
    void aConditionSetMatchesByIcd10PrefixSnomedCodeOrWholeWords(String system, String code, String name, boolean contained) {
        ConditionSet set = new ConditionSet("S", List.of("K57"), List.of("24700007"), List.of("E coli", "Escherichia coli"), "test", true, null, null);
        assertEquals(contained, set.contains(system.isEmpty() ? null : system, code.isEmpty() ? null : code, name.isEmpty() ? null : name));
    }
}
