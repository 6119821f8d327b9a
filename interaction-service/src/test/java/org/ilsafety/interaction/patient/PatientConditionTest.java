package org.ilsafety.interaction.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.interaction.check.CheckRequest;
import org.ilsafety.interaction.check.InteractionChecker;
import org.ilsafety.interaction.check.Therapy;
import org.ilsafety.interaction.check.TherapyStatus;
import org.ilsafety.interaction.knowledge.InteractionKnowledge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table-driven: a Condition or AllergyIntolerance as the consumer stores it (codes, name) gives the checker the same
 * patient context as the REST check's {@code conditions}/{@code allergies}; every code of the resource is tried.
 */
class PatientConditionTest {
    static final InteractionChecker CHECKER = new InteractionChecker(InteractionKnowledge.load(Optional.empty()));
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String SNOMED = "http://snomed.info/sct";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    @ParameterizedTest(name = "{0} {1}: {2} \"{3}\" -> {4}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            "tocilizumab ; true  ; RXNORM:612865                   ; -                         ; tocilizumab.hypersensitivity",
            "tocilizumab ; true  ; -                               ; Actemra                   ; tocilizumab.hypersensitivity",
            "anakinra    ; true  ; -                               ; E. coli-derived proteins  ; anakinra.hypersensitivity",
            "anakinra    ; true  ; RXNORM:72435                    ; -                         ; anakinra.hypersensitivity",
            "anakinra    ; true  ; RXNORM:7980                     ; penicillin                ; -",
            "tocilizumab ; false ; SNOMED:999999,ICD10:G35          ; -                         ; tocilizumab.demyelinating",
            "tocilizumab ; false ; ICD10:K57.32                    ; Diverticulitis            ; tocilizumab.gi-perforation-history",
            "tocilizumab ; false ; ICD10:K74.60                    ; -                         ; tocilizumab.hepatic-disease",
            "anakinra    ; false ; SNOMED:77386006                 ; -                         ; anakinra.pregnancy-lactation",
            "tocilizumab ; false ; ICD10:J45                       ; Asthma                    ; -"
    })
    void aStoredConditionOrAllergyGivesTheRestChecksFinding(String drug, boolean allergy, String codes, String name, String ruleId) {
        PatientCondition row = new PatientCondition();
        row.resourceRef = (allergy ? "AllergyIntolerance" : "Condition") + "/x";
        row.allergy = allergy;
        row.name = name;
        row.codes = RecordedConditions.codesText(codes == null ? List.of() : List.of(codes.split(",")).stream().map(c -> {
            String[] parts = c.split(":");
            String system = switch (parts[0]) {
                case "ICD10" -> ICD10;
                case "SNOMED" -> SNOMED;
                default -> RXNORM;
            };
            return new RecordedConditions.Code(system, parts[1]);
        }).toList());
        var result = CHECKER.check(new CheckRequest(new Therapy(drug, null, TherapyStatus.PLANNED, null, null), List.of(), List.of(),
                row.inputs(), LocalDate.of(2026, 11, 27)));
        if (ruleId == null) {
            assertThat(result.findings()).isEmpty();
        } else {
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.provenance().ruleId()).isEqualTo(ruleId);
                assertThat(f.matched().ref()).isEqualTo(row.resourceRef);
            });
        }
    }
}
