package org.ilsafety.dosing.allergy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven: which recorded allergy contraindicates a molecule, read from the shipped interactions/rules.yaml and products.yaml. */
class AllergyContraindicationsTest {
    static final AllergyContraindications CHECK = new AllergyContraindications(new DosingKnowledge(Optional.empty()).hypersensitivity(),
            new ProductCatalog(Optional.empty()));
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String NDC = "http://hl7.org/fhir/sid/ndc";

    @ParameterizedTest(name = "{0}: {1}|{2} \"{3}\" -> {4}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            "tocilizumab ; RXNORM ; 612865 ; -                               ; tocilizumab.hypersensitivity/tocilizumab",
            "tocilizumab ; RXNORM ; 849580 ; -                               ; tocilizumab.hypersensitivity/tocilizumab",
            "tocilizumab ; NDC    ; 50242-136-01 ; -                         ; tocilizumab.hypersensitivity/tocilizumab",
            "tocilizumab ; -      ; -      ; Actemra                         ; tocilizumab.hypersensitivity/tocilizumab",
            "tocilizumab ; -      ; -      ; Tyenne (tocilizumab-aazg)       ; tocilizumab.hypersensitivity/tocilizumab",
            "tocilizumab ; -      ; -      ; E. coli-derived proteins        ; -",
            "tocilizumab ; RXNORM ; 72435  ; anakinra                        ; -",
            "anakinra    ; RXNORM ; 72435  ; -                               ; anakinra.hypersensitivity/anakinra",
            "anakinra    ; -      ; -      ; Kineret                         ; anakinra.hypersensitivity/anakinra",
            "anakinra    ; -      ; -      ; E. coli-derived proteins        ; anakinra.hypersensitivity/ECOLI_PROTEINS",
            "anakinra    ; -      ; -      ; Escherichia coli                ; anakinra.hypersensitivity/ECOLI_PROTEINS",
            "anakinra    ; -      ; -      ; tocilizumab                     ; -",
            "anakinra    ; RXNORM ; 7980   ; penicillin G                    ; -",
            "anakinra    ; -      ; -      ; coliform bacteria vaccine       ; -"
    })
    void anAllergyContraindicatesTheDrugItNamesOrItsAllergenSet(String molecule, String system, String code, String name, String expected) {
        List<RecordedConditions.Code> codes = code == null ? List.of() : List.of(new RecordedConditions.Code(system.equals("NDC") ? NDC : RXNORM, code));
        RecordedConditions.Recorded allergy = new RecordedConditions.Recorded("AllergyIntolerance/a", true, RecordedConditions.State.ACTIVE, "1",
                null, codes, name);
        assertEquals(expected, CHECK.find(molecule, List.of(allergy)).map(c -> c.interactionRuleId() + "/" + c.allergen()).orElse(null));
    }
}
