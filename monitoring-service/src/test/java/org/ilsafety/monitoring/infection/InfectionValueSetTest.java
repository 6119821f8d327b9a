package org.ilsafety.monitoring.infection;

import java.util.Optional;

import org.ilsafety.monitoring.knowledge.InfectionKnowledge;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 item 6: the infection value set of infections.yaml. SNOMED CT by listed concept, ICD-10-CM by range and
 * prefix (A00-B99 and the site-specific infection codes), exclusions first; anything else is not an infection.
 */
class InfectionValueSetTest {
    static final MonitoringKnowledge KNOWLEDGE = MonitoringKnowledge.packaged();
    static final InfectionValueSet VALUE_SET = new InfectionValueSet(KNOWLEDGE.infections().content());
    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";

    @ParameterizedTest(name = "{0} {1} -> infection {2} ({3})")
    @CsvSource(nullValues = "-", value = {
            // SNOMED CT: listed concepts, exact; a coding without a system is read as SNOMED CT
            "snomed,  40733004,  true,  40733004",
            "snomed,  233604007, true,  233604007",
            "snomed,  6142004,   true,  6142004",
            "snomed,  10509002,  true,  10509002",
            "-,       128045006, true,  128045006",
            "snomed,  69896004,  false, -",          // rheumatoid arthritis
            "snomed,  4740000x,  false, -",
            // ICD-10-CM chapter 1, A00-B99, without the sequelae B90-B94
            "icd10cm, A41.9,     true,  A00-B99",    // sepsis, unspecified organism
            "icd10cm, A15.0,     true,  A00-B99",    // pulmonary tuberculosis
            "icd10cm, B02.9,     true,  A00-B99",    // zoster
            "icd10cm, B99.9,     true,  A00-B99",
            "icd10cm, A00,       true,  A00-B99",
            "icd10cm, b37.0,     true,  A00-B99",    // case and dots are ignored
            "icd10cm, B370,      true,  A00-B99",
            "icd10cm, B90.9,     false, -",          // sequelae of tuberculosis: not an active infection
            "icd10cm, B94.8,     false, -",
            "icd10cm, B95.2,     true,  A00-B99",
            "icd10cm, C00.0,     false, -",
            // site-specific infection codes
            "icd10cm, J18.9,     true,  J09-J18",
            "icd10cm, J15.212,   true,  J09-J18",
            "icd10cm, J09.X2,    true,  J09-J18",
            "icd10cm, J20.9,     true,  J20-J22",
            "icd10cm, J22,       true,  J20-J22",
            "icd10cm, J06.9,     false, -",          // acute upper respiratory infection: not in the set
            "icd10cm, J19,       false, -",
            "icd10cm, N39.0,     true,  N39.0",
            "icd10cm, N39.3,     false, -",          // stress incontinence
            "icd10cm, L03.115,   true,  L00-L04",
            "icd10cm, L08.9,     true,  L08",
            "icd10cm, L05.01,    false, -",
            "icd10cm, K57.32,    true,  K57.32",     // diverticulitis of large intestine
            "icd10cm, K57.30,    false, -",          // diverticulosis
            "icd10cm, K57.20,    true,  K57.2",
            "icd10cm, K65.1,     true,  K65.0-K65.2",
            "icd10cm, K65.4,     false, -",          // sclerosing mesenteritis
            "icd10cm, T84.50XA,  true,  T84.5-T84.7",
            "icd10cm, T84.8,     false, -",
            "icd10cm, U07.1,     true,  U07.1",
            "icd10cm, M06.9,     false, -",
            // another system: never matched by code alone
            "icd10,   A41.9,     false, -",
            "snomed,  J18.9,     false, -",
    })
    void aConditionCodeIsAnInfectionWhenTheValueSetHasIt(String system, String code, boolean infection, String entry) {
        String uri = system == null ? null : switch (system) {
            case "snomed" -> SNOMED;
            case "icd10cm" -> ICD10CM;
            default -> "http://hl7.org/fhir/sid/icd-10";
        };
        Optional<InfectionValueSet.Match> match = VALUE_SET.match(uri, code);
        assertEquals(infection, match.isPresent(), system + " " + code);
        match.ifPresent(m -> {
            assertEquals(entry, m.entry());
            assertEquals(code, m.code());
        });
    }

    @Test
    void everyEntryIsDataWithADisplayAndTheFileHasASource() {
        InfectionKnowledge content = KNOWLEDGE.infections().content();
        assertFalse(content.source().isBlank());
        assertTrue(content.snomed().codes().size() > 11, "more than the 11 exact codes of before");
        content.icd10cm().include().forEach(r -> assertFalse(r.display().isBlank(), r.codes()));
        content.icd10cm().include().forEach(r -> assertTrue(r.codes().matches("[A-Z][0-9][0-9A-Z.]*(-[A-Z][0-9][0-9A-Z.]*)?"), r.codes()));
        assertEquals(1, content.snomed().codes().stream().map(InfectionKnowledge.Code::code).filter("40733004"::equals).count());
    }

    @ParameterizedTest(name = "{0}: a serious infection -> {1}, message mentions {2}")
    @CsvSource({
            "tocilizumab, INTERRUPT, interrupt until the infection is controlled",
            "anakinra,    INTERRUPT, discontinue Kineret",
    })
    void eachDrugHasItsSeriousInfectionRule(String drug, String decision, String message) {
        InfectionKnowledge.SeriousInfection rule = KNOWLEDGE.infections().content().seriousInfection().stream()
                .filter(r -> r.drug().equals(drug)).findFirst().orElseThrow();
        assertEquals(decision, rule.decision());
        assertTrue(rule.onTherapyMessage().contains(message), rule.onTherapyMessage());
        assertFalse(rule.source().isBlank());
    }
}
