package org.ilsafety.interaction.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.ilsafety.interaction.knowledge.InteractionKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The checking engine against the packaged knowledge base (seeds/knowledge). */
class InteractionCheckerTest {
    static final InteractionChecker CHECKER = new InteractionChecker(InteractionKnowledge.load(Optional.empty()));
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    static CheckResult medicines(String drug, String product, String... names) {
        List<MedicationInput> meds = Stream.of(names).map(n -> new MedicationInput("m-" + n, n, null, null)).toList();
        return CHECKER.check(new CheckRequest(new Therapy(drug, product, TherapyStatus.ACTIVE, null, null), meds, List.of(), TODAY));
    }

    static CheckResult vaccine(Therapy therapy, String cvx, LocalDate date, LocalDate asOf) {
        return CHECKER.check(new CheckRequest(therapy, List.of(), List.of(new ImmunizationInput("i-1", cvx, null, date)), asOf));
    }

    @ParameterizedTest(name = "{0} with {2}: {3} {4}")
    @CsvSource({
            "tocilizumab, ACTEMRA, Humira,              BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, infliximab,          BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, Enbrel,              BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, Cimzia,              BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, golimumab,           BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, Kineret,             BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, Rituxan,             BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, Orencia,             BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, Kevzara,             BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, Tyenne,              DUPLICATE_THERAPY,      MAJOR,    tocilizumab.duplicate-therapy",
            "tocilizumab, TYENNE,  Actemra 200 mg vial, DUPLICATE_THERAPY,      MAJOR,    tocilizumab.duplicate-therapy",
            "tocilizumab, ACTEMRA, tocilizumab-bavi,    DUPLICATE_THERAPY,      MAJOR,    tocilizumab.duplicate-therapy",
            "tocilizumab, ACTEMRA, Levonorgestrel and ethinyl estradiol tablet, HORMONAL_CONTRACEPTIVE, MODERATE, tocilizumab.hormonal-contraceptive",
            "tocilizumab, ACTEMRA, NuvaRing,            HORMONAL_CONTRACEPTIVE, MODERATE, tocilizumab.hormonal-contraceptive",
            "tocilizumab, ACTEMRA, Xulane patch,        HORMONAL_CONTRACEPTIVE, MODERATE, tocilizumab.hormonal-contraceptive",
            "tocilizumab, ACTEMRA, Nexplanon,           HORMONAL_CONTRACEPTIVE, MODERATE, tocilizumab.hormonal-contraceptive",
            "tocilizumab, ACTEMRA, Depo-Provera,        HORMONAL_CONTRACEPTIVE, MODERATE, tocilizumab.hormonal-contraceptive",
            "tocilizumab, ACTEMRA, Warfarin 5 mg,       CYP450_SUBSTRATE,       MODERATE, tocilizumab.cyp450-narrow-index",
            "tocilizumab, ACTEMRA, Neoral,              CYP450_SUBSTRATE,       MODERATE, tocilizumab.cyp450-narrow-index",
            "tocilizumab, ACTEMRA, theophylline,        CYP450_SUBSTRATE,       MODERATE, tocilizumab.cyp450-narrow-index",
            "tocilizumab, ACTEMRA, Dilantin,            CYP450_SUBSTRATE,       MODERATE, tocilizumab.cyp450-narrow-index",
            "tocilizumab, ACTEMRA, Simvastatin 40 mg,   CYP450_SUBSTRATE,       MODERATE, tocilizumab.cyp3a4-simvastatin",
            "tocilizumab, ACTEMRA, Lipitor,             CYP450_SUBSTRATE,       MINOR,    tocilizumab.cyp3a4-substrate",
            "tocilizumab, ACTEMRA, lovastatin,          CYP450_SUBSTRATE,       MINOR,    tocilizumab.cyp3a4-substrate",
            "tocilizumab, ACTEMRA, amlodipine,          CYP450_SUBSTRATE,       MINOR,    tocilizumab.cyp3a4-substrate",
            "tocilizumab, ACTEMRA, Xanax,               CYP450_SUBSTRATE,       MINOR,    tocilizumab.cyp3a4-substrate",
            "tocilizumab, ACTEMRA, ibuprofen 400 mg tablet, GI_PERFORATION_RISK, MINOR   , tocilizumab.gi-perforation",
            "tocilizumab, ACTEMRA, Celebrex,            GI_PERFORATION_RISK,    MINOR   , tocilizumab.gi-perforation",
            "tocilizumab, ACTEMRA, prednisone,          GI_PERFORATION_RISK,    MINOR   , tocilizumab.gi-perforation",
            "tocilizumab, ACTEMRA, Solu-Medrol,         GI_PERFORATION_RISK,    MINOR   , tocilizumab.gi-perforation",
            "anakinra,    KINERET, Enbrel,              BIOLOGIC_DMARD,         MAJOR,    anakinra.tnf-blocker",
            "anakinra,    KINERET, Humira,              BIOLOGIC_DMARD,         MAJOR,    anakinra.tnf-blocker",
            "anakinra,    KINERET, Avtozma,             BIOLOGIC_DMARD,         MAJOR,    anakinra.il6-receptor-antagonist",
            // issue 19 item 22
            "anakinra,    KINERET, Orencia,             BIOLOGIC_DMARD,         MAJOR,    anakinra.abatacept",
            "anakinra,    KINERET, Rituxan,             BIOLOGIC_DMARD,         MAJOR,    anakinra.rituximab",
            "anakinra,    KINERET, Ilaris,              BIOLOGIC_DMARD,         MAJOR,    anakinra.il1-blocker",
            "anakinra,    KINERET, Olumiant,            BIOLOGIC_DMARD,         MAJOR,    anakinra.jak-inhibitor",
            "tocilizumab, ACTEMRA, Xeljanz,             BIOLOGIC_DMARD,         MAJOR,    tocilizumab.jak-inhibitor",
            "tocilizumab, ACTEMRA, baricitinib,         BIOLOGIC_DMARD,         MAJOR,    tocilizumab.jak-inhibitor",
            "tocilizumab, ACTEMRA, Rinvoq,              BIOLOGIC_DMARD,         MAJOR,    tocilizumab.jak-inhibitor",
            "tocilizumab, ACTEMRA, Ilaris,              BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, rilonacept,          BIOLOGIC_DMARD,         MAJOR,    tocilizumab.biologic-dmard",
            "tocilizumab, ACTEMRA, omeprazole 20 mg capsule, CYP450_SUBSTRATE,  MINOR,    tocilizumab.cyp2c19-omeprazole",
    })
    void everyCategoryAndSeverity(String drug, String product, String medicine, Category category, Severity severity, String ruleId) {
        CheckResult result = medicines(drug, product, medicine);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(category);
            assertThat(f.severity()).isEqualTo(severity);
            assertThat(f.provenance().ruleId()).isEqualTo(ruleId);
            assertThat(f.matched().name()).isEqualTo(medicine);
            assertThat(f.provenance().source()).isNotBlank();
            assertThat(f.mechanism()).isNotBlank();
            assertThat(f.management()).isNotBlank();
            assertThat(f.provenance().knowledgeVersion()).isEqualTo(CHECKER.knowledge().version());
        });
        assertThat(result.unrecognized()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ethinyl estradiol", "Hormonal contraceptive", "simvastatin", "warfarin", "ibuprofen", "prednisone" })
    void anakinraHasNoCytochromeContraceptiveOrPerforationRule(String medicine) {
        assertThat(medicines("anakinra", "KINERET", medicine).findings()).isEmpty();
    }

    @Test
    void methotrexateAloneGivesNoFindingAndIsRecognised() {
        CheckResult result = medicines("tocilizumab", "ACTEMRA", "Methotrexate 2.5 mg tablet");
        assertThat(result.findings()).isEmpty();
        assertThat(result.unrecognized()).isEmpty();
    }

    @Test
    void theTherapyItselfIsNeitherAFindingNorUnrecognised() {
        CheckResult result = medicines("tocilizumab", "ACTEMRA", "Actemra", "tocilizumab");
        assertThat(result.findings()).isEmpty();
        assertThat(result.unrecognized()).isEmpty();
    }

    @Test
    void withoutAProductTheFirstProductListedIsTheTherapyAndASecondOneADuplicate() {
        CheckResult result = medicines("tocilizumab", null, "Actemra", "Tyenne");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(Category.DUPLICATE_THERAPY);
            assertThat(f.resolvedTo().productId()).isEqualTo("TYENNE");
        });
    }

    @ParameterizedTest(name = "{0} / rxnorm {1} / atc {2}")
    @CsvSource({
            "Humira,,", "adalimumab,,", "ADALIMUMAB,,", "'  humira   Pen 40 mg/0.4 mL ',,", "Hu-mira,,", ",327361,", ",,L04AB04", ",,l04ab04",
            "Amjevita,,", "adalimumab-atto,,", "unknown brand name,327361,",
    })
    void brandNameSynonymAndCodesAreTheSameAgent(String name, String rxnorm, String atc) {
        CheckResult result = CHECKER.check(new CheckRequest(new Therapy("tocilizumab", "ACTEMRA", TherapyStatus.ACTIVE, null, null),
                List.of(new MedicationInput("medications[0]", name, rxnorm, atc)), List.of(), TODAY));
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.resolvedTo().id()).isEqualTo("adalimumab");
            assertThat(f.category()).isEqualTo(Category.BIOLOGIC_DMARD);
        });
    }

    @ParameterizedTest(name = "ATC {0} -> {1}")
    @CsvSource({
            "G03AA07, hormonal-contraceptive-atc-g03a, HORMONAL_CONTRACEPTIVE",
            "G03AC08, hormonal-contraceptive-atc-g03a, HORMONAL_CONTRACEPTIVE",
            "M01AE03, nsaid-atc-m01a,                  GI_PERFORATION_RISK",
            "M01AE01, ibuprofen,                       GI_PERFORATION_RISK",
            "H02AB10, systemic-corticosteroid-atc-h02ab, GI_PERFORATION_RISK",
            "C08CA06, calcium-channel-blocker-atc-c08, CYP450_SUBSTRATE",
            "B01AA03, warfarin,                        CYP450_SUBSTRATE",
            "L04AC03, anakinra,                        BIOLOGIC_DMARD",
    })
    void atcCodesMatchExactlyThenByClassPrefix(String atc, String agent, Category category) {
        CheckResult result = CHECKER.check(new CheckRequest(new Therapy("tocilizumab", "ACTEMRA", TherapyStatus.ACTIVE, null, null),
                List.of(new MedicationInput("medications[0]", null, null, atc)), List.of(), TODAY));
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.resolvedTo().id()).isEqualTo(agent);
            assertThat(f.resolvedTo().matchedBy()).isEqualTo("atc");
            assertThat(f.category()).isEqualTo(category);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "diclofenac 1% gel", "Voltaren Gel", "hydrocortisone cream 1%", "cyclosporine ophthalmic emulsion" })
    void nonSystemicFormsOfSystemicOnlyAgentsGiveNoFinding(String medicine) {
        CheckResult result = medicines("tocilizumab", "ACTEMRA", medicine);
        assertThat(result.findings()).isEmpty();
        assertThat(result.unrecognized()).isEmpty();
    }

    @Test
    void everyInputThatMatchedNothingIsListedAsUnrecognised() {
        CheckResult result = CHECKER.check(new CheckRequest(new Therapy("tocilizumab", "ACTEMRA", TherapyStatus.ACTIVE, null, null),
                List.of(new MedicationInput("medications[0]", "metformin", null, null),
                        new MedicationInput("medications[1]", "Humira", null, null),
                        new MedicationInput("medications[2]", null, "999999", null),
                        new MedicationInput("medications[3]", null, null, "A10BA02")),
                List.of(new ImmunizationInput("immunizations[0]", "999", null, TODAY),
                        new ImmunizationInput("immunizations[1]", null, "influenza vaccine", TODAY),
                        new ImmunizationInput("immunizations[2]", "03", null, TODAY)),
                TODAY));
        assertThat(result.unrecognized()).extracting(Unrecognized::ref)
                .containsExactly("medications[0]", "medications[2]", "medications[3]", "immunizations[0]", "immunizations[1]");
        assertThat(result.findings()).extracting(f -> f.matched().ref()).containsExactly("immunizations[2]", "medications[1]");
    }

    static Stream<String> liveCvx() {
        return Stream.of("03", "04", "05", "06", "07", "38", "94", "21", "121", "111", "149", "151", "333", "125", "37", "183", "184",
                "19", "25", "116", "119", "122", "74", "174", "75", "56", "330", "317", "143", "02", "178", "179", "182", "204");
    }

    @ParameterizedTest(name = "live CVX {0}")
    @MethodSource("liveCvx")
    void everyLiveVaccineOfTheReferenceIsContraindicatedOnActiveTherapy(String cvx) {
        for (String drug : List.of("tocilizumab", "anakinra")) {
            CheckResult result = vaccine(new Therapy(drug, null, TherapyStatus.ACTIVE, null, null), cvx, TODAY, TODAY);
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.category()).isEqualTo(Category.LIVE_VACCINE);
                assertThat(f.severity()).isEqualTo(Severity.CONTRAINDICATED);
                assertThat(f.provenance().ruleId()).isEqualTo(drug + ".live-vaccine");
                assertThat(f.resolvedTo().live()).isTrue();
                assertThat(f.resolvedTo().cvx()).isEqualTo(cvx);
            });
        }
    }

    @ParameterizedTest(name = "non-live CVX {0}")
    @ValueSource(strings = { "187", "101", "190", "172", "173", "206", "329", "140", "141", "150", "158", "171", "185", "197", "205" })
    void nonLiveLookAlikesGiveNoFindingAndAreRecognised(String cvx) {
        CheckResult result = vaccine(new Therapy("tocilizumab", null, TherapyStatus.ACTIVE, null, null), cvx, TODAY, TODAY);
        assertThat(result.findings()).isEmpty();
        assertThat(result.unrecognized()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "3, true", "003, true", "M-M-R II, true", "FluMist, true", "Zostavax, true", "zoster vaccine live, true",
            "Shingrix, false", "Zoster vaccine recombinant adjuvanted, false", "JYNNEOS, false", "Varivax, true", "Typhim Vi, false" })
    void vaccinesMatchByCodeWithoutLeadingZerosAndByName(String input, boolean live) {
        boolean code = input.matches("\\d+");
        CheckResult result = CHECKER.check(new CheckRequest(new Therapy("tocilizumab", null, TherapyStatus.ACTIVE, null, null), List.of(),
                List.of(new ImmunizationInput("immunizations[0]", code ? input : null, code ? null : input, TODAY)), TODAY));
        assertThat(result.unrecognized()).isEmpty();
        assertThat(result.findings()).hasSize(live ? 1 : 0);
    }

    @ParameterizedTest(name = "{0}: last dose {1}, vaccine {2} -> {3}")
    @CsvSource({
            // tocilizumab: 91 days; last dose 2026-01-01 -> window ends 2026-04-02 inclusive
            "tocilizumab, 2026-01-01, 2026-04-01, true",
            "tocilizumab, 2026-01-01, 2026-04-02, true",
            "tocilizumab, 2026-01-01, 2026-04-03, false",
            // anakinra: 2 days (unverified); last dose 2026-01-01 -> window ends 2026-01-03 inclusive
            "anakinra,    2026-01-01, 2026-01-03, true",
            "anakinra,    2026-01-01, 2026-01-04, false",
    })
    void liveVaccineWindowEdgeAfterTheLastDose(String drug, LocalDate lastDose, LocalDate vaccination, boolean flagged) {
        CheckResult result = vaccine(new Therapy(drug, null, TherapyStatus.STOPPED, LocalDate.of(2025, 6, 1), lastDose), "03", vaccination,
                vaccination);
        assertThat(result.findings()).hasSize(flagged ? 1 : 0);
        assertThat(result.exposure().until()).isEqualTo(lastDose.plusDays(drug.equals("tocilizumab") ? 91 : 2));
    }

    @ParameterizedTest(name = "{0}: last dose {1}, asOf {2} -> {3}")
    @CsvSource({
            "tocilizumab, 2026-01-01, 2026-04-02, true",
            "tocilizumab, 2026-01-01, 2026-04-03, false",
            "anakinra,    2026-01-01, 2026-01-03, true",
            "anakinra,    2026-01-01, 2026-01-04, false",
    })
    void medicineWindowEdgeAfterTheLastDose(String drug, LocalDate lastDose, LocalDate asOf, boolean flagged) {
        CheckResult result = CHECKER.check(new CheckRequest(new Therapy(drug, null, TherapyStatus.STOPPED, null, lastDose),
                List.of(new MedicationInput("medications[0]", "Enbrel", null, null)), List.of(), asOf));
        assertThat(result.findings()).hasSize(flagged ? 1 : 0);
        if (flagged) {
            assertThat(result.findings().get(0).validUntil()).isEqualTo(result.exposure().until());
        }
    }

    /**
     * Issue 19 item 9: after the last dose a medicine is not a current combination: a lower-severity "recent" finding
     * that never deletes the order; live vaccines keep their rule in the whole exposure window.
     */
    @ParameterizedTest(name = "{0} {1}, {2} -> {3} {4}")
    @CsvSource(nullValues = "-", value = {
            "tocilizumab, STOPPED, Humira,   MINOR,           tocilizumab.biologic-dmard.after-last-dose,      false, Recent tocilizumab",
            "tocilizumab, STOPPED, Xeljanz,  MINOR,           tocilizumab.jak-inhibitor.after-last-dose,       false, Recent tocilizumab",
            "tocilizumab, STOPPED, warfarin, MODERATE,        tocilizumab.cyp450-narrow-index.after-last-dose, false, Recent tocilizumab",
            "anakinra,    STOPPED, Enbrel,   MINOR,           anakinra.tnf-blocker.after-last-dose,            false, Recent anakinra",
            "tocilizumab, ACTIVE,  Humira,   MAJOR,           tocilizumab.biologic-dmard,                      true,  -",
            "tocilizumab, STOPPED, MMR,      CONTRAINDICATED, tocilizumab.live-vaccine,                        true,  -",
    })
    void afterTheLastDoseMedicinesGetARecentTherapyFinding(String drug, TherapyStatus status, String input, Severity severity, String ruleId,
            boolean removeDraftOrder, String mechanismStart) {
        LocalDate lastDose = TODAY.minusDays(1);
        Therapy therapy = new Therapy(drug, null, status, LocalDate.of(2025, 6, 1), status == TherapyStatus.STOPPED ? lastDose : null);
        boolean vaccine = input.equals("MMR");
        CheckResult result = CHECKER.check(new CheckRequest(therapy,
                vaccine ? List.of() : List.of(new MedicationInput("m", input, null, null)),
                vaccine ? List.of(new ImmunizationInput("i", null, input, TODAY)) : List.of(), TODAY));
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(severity);
            assertThat(f.provenance().ruleId()).isEqualTo(ruleId);
            assertThat(f.removeDraftOrder()).isEqualTo(removeDraftOrder);
            if (mechanismStart != null) {
                assertThat(f.mechanism()).startsWith(mechanismStart).contains(lastDose.toString());
                assertThat(f.provenance().source()).contains("after the last dose");
            }
        });
    }

    static ConditionInput condition(String system, String code, String name) {
        return new ConditionInput("conditions[0]", system, code, name, false);
    }

    static CheckResult withContext(String drug, TherapyStatus status, List<String> medicines, List<ConditionInput> conditions) {
        return CHECKER.check(new CheckRequest(new Therapy(drug, null, status, null, status == TherapyStatus.STOPPED ? TODAY.minusDays(1) : null),
                medicines.stream().map(n -> new MedicationInput("m-" + n, n, null, null)).toList(), List.of(), conditions, TODAY));
    }

    /** Issue 19 item 10: NSAIDs and steroids are MINOR alone (a GCA steroid taper), MODERATE with a diverticulitis or GI ulcer history. */
    @ParameterizedTest(name = "{0} with history {1}/{2}/{3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "prednisone, -,                                   -,          -,                     MINOR,    tocilizumab.gi-perforation",
            "prednisone, http://hl7.org/fhir/sid/icd-10-cm,   K57.32,     -,                     MODERATE, tocilizumab.gi-perforation",
            "ibuprofen,  http://snomed.info/sct,              307496006,  -,                     MODERATE, tocilizumab.gi-perforation",
            "naproxen,   -,                                   -,          History of duodenal ulcer, MODERATE, tocilizumab.gi-perforation",
            "prednisone, http://hl7.org/fhir/sid/icd-10-cm,   I10,        Essential hypertension, MINOR,  tocilizumab.gi-perforation",
    })
    void giPerforationRisesOnlyWithAHistory(String medicine, String system, String code, String name, Severity severity, String ruleId) {
        List<ConditionInput> conditions = code == null && name == null ? List.of() : List.of(condition(system, code, name));
        CheckResult result = withContext("tocilizumab", TherapyStatus.ACTIVE, List.of(medicine), conditions);
        Finding medicineFinding = result.findings().stream().filter(f -> f.matched().ref().startsWith("m-")).findFirst().orElseThrow();
        assertThat(medicineFinding.severity()).isEqualTo(severity);
        assertThat(medicineFinding.provenance().ruleId()).isEqualTo(ruleId);
        boolean history = severity == Severity.MODERATE;
        assertThat(result.findings().stream().anyMatch(f -> f.provenance().ruleId().equals("tocilizumab.gi-perforation-history"))).isEqualTo(history);
    }

    /** Issue 19, what the labels ask: hypersensitivity, demyelinating disease, hepatic disease, pregnancy and breastfeeding. */
    @ParameterizedTest(name = "{0} {1}: {2} {3}/{4}/{5} -> {6} {7}")
    @CsvSource(nullValues = "-", value = {
            "tocilizumab, ACTIVE,  true,  -,                                  -,        Actemra,                 CONTRAINDICATED, tocilizumab.hypersensitivity",
            "tocilizumab, PLANNED, true,  -,                                  -,        tocilizumab anaphylaxis, CONTRAINDICATED, tocilizumab.hypersensitivity",
            "anakinra,    PLANNED, true,  -,                                  -,        Kineret,                 CONTRAINDICATED, anakinra.hypersensitivity",
            "anakinra,    PLANNED, true,  -,                                  -,        E. coli-derived proteins, CONTRAINDICATED, anakinra.hypersensitivity",
            "tocilizumab, PLANNED, true,  -,                                  -,        E. coli-derived proteins, -,              -",
            "tocilizumab, PLANNED, true,  -,                                  -,        penicillin,              -,               -",
            "tocilizumab, PLANNED, false, http://hl7.org/fhir/sid/icd-10-cm,  G35,      -,                       MODERATE,        tocilizumab.demyelinating",
            "tocilizumab, PLANNED, false, -,                                  -,        CIDP,                    MODERATE,        tocilizumab.demyelinating",
            "anakinra,    PLANNED, false, http://hl7.org/fhir/sid/icd-10-cm,  G35,      -,                       -,               -",
            "tocilizumab, PLANNED, false, http://hl7.org/fhir/sid/icd-10-cm,  K74.60,   -,                       MAJOR,           tocilizumab.hepatic-disease",
            "tocilizumab, ACTIVE,  false, http://snomed.info/sct,             77386006, -,                       MINOR,           tocilizumab.pregnancy-lactation",
            "anakinra,    ACTIVE,  false, http://hl7.org/fhir/sid/icd-10-cm,  Z39.1,    -,                       MINOR,           anakinra.pregnancy-lactation",
            "tocilizumab, STOPPED, false, http://hl7.org/fhir/sid/icd-10-cm,  G35,      -,                       -,               -",
    })
    void theLabelsWarningsAboutThePatient(String drug, TherapyStatus status, boolean allergy, String system, String code, String name,
            Severity severity, String ruleId) {
        CheckResult result = withContext(drug, status, List.of(), List.of(new ConditionInput("c", system, code, name, allergy)));
        if (ruleId == null) {
            assertThat(result.findings()).isEmpty();
            return;
        }
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.provenance().ruleId()).isEqualTo(ruleId);
            assertThat(f.severity()).isEqualTo(severity);
            assertThat(f.provenance().source()).isNotBlank();
            assertThat(f.resolvedTo().kind()).isEqualTo(allergy ? "ALLERGY" : "CONDITION");
            assertThat(f.removeDraftOrder()).isEqualTo(severity == Severity.CONTRAINDICATED);
        });
    }

    /**
     * Issue 19: a resolved (inactive, remission) diverticulitis or GI ulcer still counts for GI perforation (the set's
     * countsWhenResolved: the label's risk is the history); a resolved condition of any other set, or a resolved allergy, does not.
     */
    @ParameterizedTest(name = "{0} {1}/{2} resolved={3}, allergy={4} -> {5}, NSAID {6}")
    @CsvSource(nullValues = "-", value = {
            "tocilizumab, http://hl7.org/fhir/sid/icd-10-cm, K57.32,    false, false, tocilizumab.gi-perforation-history, MODERATE",
            "tocilizumab, http://hl7.org/fhir/sid/icd-10-cm, K57.32,    true,  false, tocilizumab.gi-perforation-history, MODERATE",
            "tocilizumab, http://snomed.info/sct,            397825006, true,  false, tocilizumab.gi-perforation-history, MODERATE",
            "tocilizumab, http://hl7.org/fhir/sid/icd-10-cm, G35,       false, false, tocilizumab.demyelinating,          MINOR",
            "tocilizumab, http://hl7.org/fhir/sid/icd-10-cm, G35,       true,  false, -,                                  MINOR",
            "tocilizumab, http://hl7.org/fhir/sid/icd-10-cm, K74.60,    true,  false, -,                                  MINOR",
            "tocilizumab, http://snomed.info/sct,            77386006,  true,  false, -,                                  MINOR",
            "tocilizumab, -,                                 Actemra,   true,  true,  -,                                  MINOR",
    })
    void aResolvedConditionCountsOnlyWhereItsSetCountsTheHistory(String drug, String system, String code, boolean resolved, boolean allergy,
            String ruleId, Severity nsaid) {
        ConditionInput condition = new ConditionInput("Condition/c", system, system == null ? null : code, system == null ? code : null, allergy,
                resolved);
        CheckResult result = withContext(drug, TherapyStatus.ACTIVE, List.of("ibuprofen"), List.of(condition));
        List<Finding> context = result.findings().stream().filter(f -> f.matched().ref().equals("Condition/c")).toList();
        if (ruleId == null) {
            assertThat(context).isEmpty();
        } else {
            assertThat(context).singleElement().satisfies(f -> {
                assertThat(f.provenance().ruleId()).isEqualTo(ruleId);
                assertThat(f.mechanism().contains("resolved; its history still counts")).isEqualTo(resolved);
            });
        }
        assertThat(result.findings().stream().filter(f -> f.matched().ref().equals("m-ibuprofen")).findFirst().orElseThrow().severity())
                .isEqualTo(nsaid);
    }

    @ParameterizedTest(name = "planned start 2026-12-01, vaccine {0} -> {1}")
    @CsvSource({ "2026-11-02, false", "2026-11-03, true", "2026-11-20, true", "2026-12-15, true" })
    void plannedTherapyFlagsALiveVaccineInTheFourWeeksBeforeTheStart(LocalDate vaccination, boolean flagged) {
        CheckResult result = vaccine(new Therapy("tocilizumab", null, TherapyStatus.PLANNED, LocalDate.of(2026, 12, 1), null), "21",
                vaccination, TODAY);
        assertThat(result.findings()).hasSize(flagged ? 1 : 0);
    }

    @ParameterizedTest(name = "planned, start unknown, asOf 2026-11-22, vaccine {0} -> {1}")
    @CsvSource({ "2026-10-24, false", "2026-10-25, true", "2026-11-22, true", "2027-01-10, true" })
    void plannedTherapyWithoutAStartDateCountsFromAsOf(LocalDate vaccination, boolean flagged) {
        CheckResult result = vaccine(new Therapy("tocilizumab", null, TherapyStatus.PLANNED, null, null), "21", vaccination, TODAY);
        assertThat(result.findings()).hasSize(flagged ? 1 : 0);
    }

    @Test
    void findingKeysAreStableAcrossChecks() {
        CheckResult first = medicines("tocilizumab", "ACTEMRA", "Humira", "warfarin");
        CheckResult second = medicines("tocilizumab", "ACTEMRA", "Humira", "warfarin");
        assertThat(first.findings()).extracting(Finding::key).containsExactlyElementsOf(second.findings().stream().map(Finding::key).toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void findingsComeMostSevereFirst() {
        CheckResult result = CHECKER.check(new CheckRequest(new Therapy("tocilizumab", "ACTEMRA", TherapyStatus.ACTIVE, null, null),
                List.of(new MedicationInput("a", "atorvastatin", null, null), new MedicationInput("b", "warfarin", null, null),
                        new MedicationInput("c", "Humira", null, null)),
                List.of(new ImmunizationInput("d", "03", null, TODAY)), TODAY));
        assertThat(result.findings()).extracting(Finding::severity)
                .containsExactly(Severity.CONTRAINDICATED, Severity.MAJOR, Severity.MODERATE, Severity.MINOR);
    }
}
