package org.ilsafety.dosing.calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.Regimen;
import org.ilsafety.dosing.weight.WeightConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per regimen row of the clinical reference (sections 2 and 4), plus the boundaries. */
class DoseCalculatorTest {
    static final DosingKnowledge KNOWLEDGE = new DosingKnowledge(Optional.empty());
    static final DoseCalculator CALCULATOR = new DoseCalculator(KNOWLEDGE, new ProductCatalog(Optional.empty()));
    static final WeightConverter WEIGHTS = new WeightConverter(KNOWLEDGE);

    static DoseQuery query(String product, String indication, String route, double kg, double age, String step, Double mgPerKg,
            Double crcl, Integer doseNumber) {
        return new DoseQuery(product, null, indication, route, kg, age, step == null ? null : Step.valueOf(step), mgPerKg, crcl,
                doseNumber, false, null);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} kg age {4} {5} -> {8} mg {10} ({12})")
    @CsvSource(nullValues = "-", value = {
            // product, indication, route, kg, age, step, mgPerKg, crcl, doseMg, mgPerKg out, interval, capped, ruleId
            // tocilizumab RA IV: 4 mg/kg start, 8 escalated, 4 reduced, cap 800
            "ACTEMRA,   RA,       IV, 70,     50, -,         -,  -,  280.0, 4.0,  P4W, false, tocilizumab.ra.iv.initial",
            "ACTEMRA,   RA,       IV, 70,     50, ESCALATED, -,  -,  560.0, 8.0,  P4W, false, tocilizumab.ra.iv.escalated",
            "ACTEMRA,   RA,       IV, 70,     50, REDUCED,   -,  -,  280.0, 4.0,  P4W, false, tocilizumab.ra.iv.initial",
            "ACTEMRA,   RA,       IV, 105,    50, ESCALATED, -,  -,  800.0, 8.0,  P4W, true,  tocilizumab.ra.iv.escalated",
            "ACTEMRA,   RA,       IV, 100,    50, ESCALATED, -,  -,  800.0, 8.0,  P4W, false, tocilizumab.ra.iv.escalated",
            "TOFIDENCE, RA,       IV, 62.5,   40, -,         -,  -,  250.0, 4.0,  P4W, false, tocilizumab.ra.iv.initial",
            // RA SC: under 100 kg every other week, weekly escalated; 100 kg or more weekly
            "ACTEMRA,   RA,       SC, 99.9,   50, -,         -,  -,  162.0, -,    P2W, false, tocilizumab.ra.sc.under100.initial",
            "ACTEMRA,   RA,       SC, 99.9,   50, ESCALATED, -,  -,  162.0, -,    P1W, false, tocilizumab.ra.sc.under100.escalated",
            "ACTEMRA,   RA,       SC, 100,    50, -,         -,  -,  162.0, -,    P1W, false, tocilizumab.ra.sc.100andover",
            "TYENNE,    RA,       SC, 120,    50, REDUCED,   -,  -,  162.0, -,    P2W, false, tocilizumab.ra.sc.100andover.reduced",
            // GCA: IV 6 mg/kg cap 600; SC weekly, every other week as the reduced step
            "ACTEMRA,   GCA,      IV, 80,     70, -,         -,  -,  480.0, 6.0,  P4W, false, tocilizumab.gca.iv",
            "ACTEMRA,   GCA,      IV, 110,    70, -,         -,  -,  600.0, 6.0,  P4W, true,  tocilizumab.gca.iv",
            "AVTOZMA,   GCA,      SC, 80,     70, -,         -,  -,  162.0, -,    P1W, false, tocilizumab.gca.sc",
            "ACTEMRA,   GCA,      SC, 80,     70, REDUCED,   -,  -,  162.0, -,    P2W, false, tocilizumab.gca.sc.every-other-week",
            // SSc-ILD SC weekly
            "ACTEMRA,   SSC_ILD,  SC, 60,     55, -,         -,  -,  162.0, -,    P1W, false, tocilizumab.sscild.sc",
            "ACTEMRA,   SSC_ILD,  SC, 60,     55, REDUCED,   -,  -,  162.0, -,    P2W, false, tocilizumab.sscild.sc.reduced",
            // pJIA: IV 10 / 8 mg/kg every 4 weeks; SC every 3 / 2 weeks
            "ACTEMRA,   PJIA,     IV, 29.99,  9,  -,         -,  -,  299.9, 10.0, P4W, false, tocilizumab.pjia.iv.under30",
            "ACTEMRA,   PJIA,     IV, 30,     9,  -,         -,  -,  240.0, 8.0,  P4W, false, tocilizumab.pjia.iv.30andover",
            "ACTEMRA,   PJIA,     SC, 29.99,  9,  -,         -,  -,  162.0, -,    P3W, false, tocilizumab.pjia.sc.under30",
            "ACTEMRA,   PJIA,     SC, 30,     9,  -,         -,  -,  162.0, -,    P2W, false, tocilizumab.pjia.sc.30andover",
            // sJIA: IV 12 / 8 mg/kg every 2 weeks; SC every 2 weeks / weekly
            "ACTEMRA,   SJIA,     IV, 29.99,  2,  -,         -,  -,  359.9, 12.0, P2W, false, tocilizumab.sjia.iv.under30",
            "TOFIDENCE, SJIA,     IV, 30,     12, -,         -,  -,  240.0, 8.0,  P2W, false, tocilizumab.sjia.iv.30andover",
            "ACTEMRA,   SJIA,     SC, 29.99,  6,  -,         -,  -,  162.0, -,    P2W, false, tocilizumab.sjia.sc.under30",
            "ACTEMRA,   SJIA,     SC, 30,     6,  -,         -,  -,  162.0, -,    P1W, false, tocilizumab.sjia.sc.30andover",
            // CRS: 12 / 8 mg/kg once, cap 800
            "ACTEMRA,   CRS,      IV, 29.99,  5,  -,         -,  -,  359.9, 12.0, -,      false, tocilizumab.crs.iv.under30",
            "ACTEMRA,   CRS,      IV, 30,     5,  -,         -,  -,  240.0, 8.0, -,      false, tocilizumab.crs.iv.30andover",
            "AVTOZMA,   CRS,      IV, 120,    40, -,         -,  -,  800.0, 8.0, -,      true,  tocilizumab.crs.iv.30andover",
            // COVID-19 adults: 8 mg/kg once, cap 800
            "ACTEMRA,   COVID_19, IV, 90,     60, -,         -,  -,  720.0, 8.0, -,      false, tocilizumab.covid19.iv.adult",
            "ACTEMRA,   COVID_19, IV, 101,    60, -,         -,  -,  800.0, 8.0, -,      true,  tocilizumab.covid19.iv.adult",
            // anakinra
            "KINERET,   RA,       SC, 70,     50, -,         -,  -,  100.0, -,    P1D, false, anakinra.ra.sc",
            "KINERET,   RA,       SC, 70,     50, -,         -,  29.9, 100.0, -,  P2D, false, anakinra.ra.sc",
            "KINERET,   RA,       SC, 70,     50, -,         -,  30, 100.0, -,    P1D, false, anakinra.ra.sc",
            "KINERET,   CAPS_NOMID, SC, 20,   3,  -,         -,  -,  20.0,  1.0,  P1D, false, anakinra.caps-nomid.sc",
            "KINERET,   CAPS_NOMID, SC, 20,   3,  -,         8,  -,  160.0, 8.0,  P1D, false, anakinra.caps-nomid.sc",
            "KINERET,   CAPS_NOMID, SC, 20,   3,  -,         2,  10, 40.0,  2.0,  P2D, false, anakinra.caps-nomid.sc",
            "KINERET,   DIRA,     SC, 12.5,   1,  -,         1.5, -, 18.8,  1.5,  P1D, false, anakinra.dira.sc",
            "KINERET,   COVID_19, SC, 80,     45, -,         -,  -,  100.0, -,    P1D, false, anakinra.covid19.sc",
    })
    void everyLabeledRegimen(String product, String indication, String route, double kg, double age, String step, Double mgPerKg,
            Double crcl, double doseMg, Double expectedMgPerKg, String interval, boolean capped, String ruleId) {
        DoseCalculation dose = CALCULATOR.calculate(query(product, indication, route, kg, age, step, mgPerKg, crcl, null));
        assertEquals(doseMg, dose.dose().doseMg(), 1e-9);
        assertEquals(expectedMgPerKg, dose.dose().mgPerKg());
        assertEquals(interval, dose.schedule().interval());
        assertEquals(capped, dose.dose().capped());
        assertEquals(ruleId, dose.provenance().ruleId());
        assertTrue(dose.provenance().source() != null && !dose.provenance().source().isBlank());
        assertEquals(KNOWLEDGE.version(), dose.provenance().knowledgeVersion());
    }

    @Test
    void everyCalculableRegimenRowOfTheKnowledgeBaseIsCoveredByTheTable() throws Exception {
        String table = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/java/org/ilsafety/dosing/calculation/DoseCalculatorTest.java"));
        Set<String> missing = KNOWLEDGE.regimens().regimens().stream().filter(Regimen::calculable).map(Regimen::id)
                .filter(id -> !table.contains(id + "\"")).collect(Collectors.toSet());
        assertEquals(Set.of(), missing);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} kg")
    @CsvSource({ "220, lb, 99.79032140", "220, [lb_av], 99.79032140", "66.1386786, lb, 29.99999998", "30000, g, 30.0", "30, kg, 30.0" })
    void weightUnitsConvertToKilograms(double value, String unit, double kg) {
        assertEquals(kg, WEIGHTS.toKg(value, unit).orElseThrow(), 1e-6);
    }

    @Test
    void poundsDecideTheBand() {
        double kg = WEIGHTS.toKg(220, "lb").orElseThrow();
        DoseCalculation dose = CALCULATOR.calculate(query("ACTEMRA", "RA", "SC", kg, 50, null, null, null, null));
        assertEquals("P2W", dose.schedule().interval(), "220 lb is 99.8 kg: under 100 kg");
        DoseCalculation iv = CALCULATOR.calculate(query("ACTEMRA", "RA", "IV", WEIGHTS.toKg(154, "[lb_av]").orElseThrow(), 50, "ESCALATED", null, null, null));
        assertEquals(558.8, iv.dose().doseMg(), 1e-9, "154 lb = 69.85 kg x 8 mg/kg");
    }

    @Test
    void unknownUnitIsNotConverted() {
        assertTrue(WEIGHTS.toKg(70, "stone").isEmpty());
    }

    @ParameterizedTest(name = "{0} mg -> {1}")
    @CsvSource({
            "280, 200:1;80:1, 0, 14.0",
            "560, 400:1;80:2, 0, 28.0",
            "800, 400:2, 0, 40.0",
            "299.9, 80:4, 20.1, 15.0",
            "359.9, 200:1;80:2, 0.1, 18.0",
            "162, 200:1, 38, 8.1",
            "480, 400:1;80:1, 0, 24.0",
            "240, 80:3, 0, 12.0",
            "600, 400:1;200:1, 0, 30.0",
    })
    void ivDoseUsesTheVialsWithLeastWaste(double doseMg, String expected, double waste, double volume) {
        List<VialCount> vials = VialSelector.select(doseMg, KNOWLEDGE.regimens().forms().get(0).vials());
        String actual = vials.stream().map(v -> (long) v.strengthMg() + ":" + v.count()).collect(Collectors.joining(";"));
        assertEquals(expected, actual);
        assertEquals(waste, VialSelector.totalMg(vials) - doseMg, 1e-6);
        assertEquals(volume, Math.round(doseMg / 20 * 10) / 10.0, 1e-9);
    }

    @Test
    void ivResultCarriesVolumeBagInfusionAndVials() {
        DoseCalculation dose = CALCULATOR.calculate(query("ACTEMRA", "RA", "IV", 70, 50, "ESCALATED", null, null, null));
        assertEquals(28.0, dose.preparation().volumeToDrawMl());
        assertEquals(100, dose.preparation().diluentBagMl());
        assertEquals(60, dose.preparation().infusionMinutes());
        assertEquals(List.of(new VialCount(400, 20, 1), new VialCount(80, 4, 2)), dose.preparation().vials());
        assertNull(dose.preparation().syringeVolumeMl());
        DoseCalculation child = CALCULATOR.calculate(query("ACTEMRA", "SJIA", "IV", 29.99, 8, null, null, null, null));
        assertEquals(50, child.preparation().diluentBagMl());
        DoseCalculation heavierChild = CALCULATOR.calculate(query("ACTEMRA", "SJIA", "IV", 30, 8, null, null, null, null));
        assertEquals(100, heavierChild.preparation().diluentBagMl());
    }

    /** Issue 19 item 17: the 50 mL bag is for pJIA, sJIA and CRS under 30 kg; adults get 100 mL whatever their weight. */
    @ParameterizedTest(name = "{0} {1} {2} kg age {3} -> {4} mL bag")
    @CsvSource({
            "ACTEMRA, RA,       28,    50, 100",
            "ACTEMRA, GCA,      25,    70, 100",
            "ACTEMRA, COVID_19, 29,    60, 100",
            "ACTEMRA, PJIA,     29.99, 9,  50",
            "ACTEMRA, SJIA,     20,    6,  50",
            "ACTEMRA, CRS,      25,    7,  50",
            "ACTEMRA, CRS,      25,    30, 50",
            "ACTEMRA, PJIA,     30,    9,  100",
            "ACTEMRA, CRS,      30,    7,  100",
    })
    void theDiluentBagFollowsTheIndicationNotTheWeightAlone(String product, String indication, double kg, double age, int bag) {
        assertEquals(bag, CALCULATOR.calculate(query(product, indication, "IV", kg, age, null, null, null, null)).preparation().diluentBagMl());
    }

    /** Issue 19 item 18: CRS and COVID-19 repeat only on no improvement: no interval, the repeat rule in words. */
    @ParameterizedTest(name = "{0} {1}: no interval, repeat says {3}")
    @CsvSource({
            "CRS,      40, 10, 'only if no clinical improvement, at least 8 h after the previous (up to 3 more'",
            "COVID_19, 80, 60, 'only if signs or symptoms worsen or do not improve, at least 8 h after the first'",
    })
    void repeatsOnNoImprovementAreWordsNotAnInterval(String indication, double kg, double age, String words) {
        DoseCalculation dose = CALCULATOR.calculate(query("ACTEMRA", indication, "IV", kg, age, null, null, null, null));
        assertNull(dose.schedule().interval());
        assertTrue(dose.schedule().repeat().contains(words), dose.schedule().repeat());
        assertNull(CALCULATOR.calculate(query("ACTEMRA", "RA", "IV", 70, 50, null, null, null, null)).schedule().repeat());
    }

    /** Issue 19 item 19: a Kineret dose below or between the syringe graduations cannot be measured, and says so. */
    @ParameterizedTest(name = "{0} {1} kg {2} mg/kg = {3} mg: measurable {4}")
    @CsvSource(nullValues = "-", value = {
            "RA,         70,   -,   100.0, true,  -",
            "CAPS_NOMID, 20,   1,   20.0,  true,  -",
            "CAPS_NOMID, 20,   8,   160.0, true,  -",
            "DIRA,       12.5, 1.5, 18.8,  false, below the smallest graduation",
            "CAPS_NOMID, 30,   1,   30.0,  false, nearest measurable doses are 20 mg and 40 mg",
            "CAPS_NOMID, 25,   5,   125.0, false, nearest measurable doses are 120 mg and 140 mg",
    })
    void kineretDosesTheSyringeCannotMeasureAreNamed(String indication, double kg, Double mgPerKg, double doseMg, boolean measurable,
            String warning) {
        DoseCalculation dose = CALCULATOR.calculate(query("KINERET", indication, "SC", kg, 30, null, mgPerKg, null, null));
        assertEquals(doseMg, dose.dose().doseMg(), 1e-9);
        assertEquals(measurable, dose.preparation().measurable());
        List<String> cannot = dose.warnings().stream().filter(w -> w.startsWith("CANNOT BE MEASURED")).toList();
        assertEquals(measurable ? 0 : 1, cannot.size(), dose.warnings().toString());
        if (warning != null) {
            assertTrue(cannot.get(0).contains(warning) && cannot.get(0).contains("not verified"), cannot.get(0));
        }
        assertNull(CALCULATOR.calculate(query("ACTEMRA", "RA", "SC", 70, 50, null, null, null, null)).preparation().measurable(), "tocilizumab SC: whole syringes");
    }

    @Test
    void scResultCarriesFormAndSyringeVolume() {
        DoseCalculation dose = CALCULATOR.calculate(query("TYENNE", "RA", "SC", 70, 50, null, null, null, null));
        assertEquals("tocilizumab-sc-162", dose.preparation().form());
        assertEquals(0.9, dose.preparation().syringeVolumeMl());
        assertEquals(1, dose.preparation().syringes());
        assertNull(dose.preparation().volumeToDrawMl());
        DoseCalculation kineret = CALCULATOR.calculate(query("KINERET", "CAPS_NOMID", "SC", 20, 3, null, 2.0, null, null));
        assertEquals(0.67, kineret.preparation().syringeVolumeMl());
        assertEquals(0.27, kineret.preparation().volumeToInjectMl(), 1e-9);
    }

    @Test
    void repeatsAreCountedAndLimited() {
        DoseCalculation crs = CALCULATOR.calculate(query("ACTEMRA", "CRS", "IV", 40, 10, null, null, null, 4));
        assertEquals(3, crs.schedule().maxAdditionalDoses());
        assertEquals(0, crs.schedule().remainingDoses());
        assertEquals(8.0, crs.schedule().minHoursBetweenDoses());
        assertStatus(422, "doseNumber", () -> CALCULATOR.calculate(query("ACTEMRA", "CRS", "IV", 40, 10, null, null, null, 5)));
        DoseCalculation covid = CALCULATOR.calculate(query("ACTEMRA", "COVID_19", "IV", 80, 60, null, null, null, 2));
        assertEquals(0, covid.schedule().remainingDoses());
        assertStatus(422, "doseNumber", () -> CALCULATOR.calculate(query("ACTEMRA", "COVID_19", "IV", 80, 60, null, null, null, 3)));
        DoseCalculation anakinraRenal = CALCULATOR.calculate(query("KINERET", "COVID_19", "SC", 80, 60, null, null, 20.0, 1));
        assertEquals(5, anakinraRenal.schedule().courseDoses());
        assertEquals("P2D", anakinraRenal.schedule().interval());
        assertStatus(422, "doseNumber", () -> CALCULATOR.calculate(query("KINERET", "COVID_19", "SC", 80, 60, null, null, 20.0, 6)));
    }

    @Test
    void drugMeansTheReferenceProduct() {
        DoseCalculation dose = CALCULATOR.calculate(new DoseQuery(null, "tocilizumab", "RA", "IV", 70.0, 50.0, null, null, null, null, false, null));
        assertEquals("ACTEMRA", dose.treatment().productId());
        assertEquals("tocilizumab", dose.treatment().moleculeId());
        assertEquals("KINERET", CALCULATOR.calculate(new DoseQuery(null, "anakinra", "RA", "SC", 70.0, 50.0, null, null, null, null, false, null)).treatment().productId());
    }

    @ParameterizedTest(name = "{0} {1} {2} age {4}: {7} {8}")
    @CsvSource(nullValues = "-", value = {
            "ACTEMRA,   SSC_ILD,  IV, 60,   50, -,         -,   422, route",
            "ACTEMRA,   CRS,      SC, 60,   50, -,         -,   422, route",
            "TOFIDENCE, RA,       SC, 60,   50, -,         -,   422, route",
            "KINERET,   RA,       IV, 60,   50, -,         -,   422, route",
            "TOFIDENCE, GCA,      IV, 60,   70, -,         -,   422, indication",
            "TYENNE,    COVID_19, IV, 60,   70, -,         -,   422, indication",
            "KINERET,   SJIA,     SC, 20,   5,  -,         -,   422, indication",
            "ACTEMRA,   PMR,      IV, 60,   70, -,         -,   422, indication",
            "ACTEMRA,   PJIA,     IV, 10,   1.9, -,        -,   422, ageYears",
            "ACTEMRA,   SJIA,     SC, 10,   1,  -,         -,   422, ageYears",
            "ACTEMRA,   CRS,      IV, 10,   1.5, -,        -,   422, ageYears",
            "ACTEMRA,   RA,       IV, 60,   17, -,         -,   422, ageYears",
            "ACTEMRA,   GCA,      SC, 60,   17.9, -,       -,   422, ageYears",
            "ACTEMRA,   SSC_ILD,  SC, 60,   16, -,         -,   422, ageYears",
            "ACTEMRA,   COVID_19, IV, 40,   12, -,         -,   422, ageYears",
            "KINERET,   RA,       SC, 60,   17, -,         -,   422, ageYears",
            "KINERET,   COVID_19, SC, 60,   17, -,         -,   422, ageYears",
            "ACTEMRA,   GCA,      IV, 60,   70, ESCALATED, -,   422, step",
            "ACTEMRA,   PJIA,     IV, 25,   8,  REDUCED,   -,   422, step",
            "KINERET,   CAPS_NOMID, SC, 20, 3,  -,         0.5, 422, mgPerKg",
            "KINERET,   DIRA,     SC, 20,   3,  -,         8.5, 422, mgPerKg",
            "ACTEMRA,   RA,       IV, 60,   50, -,         6,   422, mgPerKg",
            "KINERET,   RA,       SC, 60,   50, -,         1,   422, mgPerKg",
            "ACTEMRA,   RA,       IV, 0,    50, -,         -,   400, weight.value",
            "ACTEMRA,   RA,       IV, -5,   50, -,         -,   400, weight.value",
            "ACTEMRA,   RA,       IV, 0.49, 50, -,         -,   400, weight.value",
            "ACTEMRA,   RA,       IV, 350.1, 50, -,        -,   400, weight.value",
            "ACTEMRA,   RA,       IV, 60,   -1, -,         -,   400, ageYears",
            "ACTEMRA,   RA,       IV, 60,   121, -,        -,   400, ageYears",
            "ACTEMRA,   RA,       IM, 60,   50, -,         -,   400, route",
            "SARILUMAB, RA,       SC, 60,   50, -,         -,   400, product",
    })
    void refusals(String product, String indication, String route, double kg, double age, String step, Double mgPerKg, int status,
            String field) {
        assertStatus(status, field, () -> CALCULATOR.calculate(query(product, indication, route, kg, age, step, mgPerKg, null, null)));
    }

    @Test
    void missingWeightAndAgeAreRefused() {
        assertStatus(400, "weight", () -> CALCULATOR.calculate(new DoseQuery("ACTEMRA", null, "RA", "IV", null, 50.0, null, null, null, null, false, null)));
        assertStatus(400, "ageYears", () -> CALCULATOR.calculate(new DoseQuery("ACTEMRA", null, "RA", "IV", 70.0, null, null, null, null, null, false, null)));
        assertStatus(400, "product", () -> CALCULATOR.calculate(new DoseQuery(null, null, "RA", "IV", 70.0, 50.0, null, null, null, null, false, null)));
        assertStatus(400, "drug", () -> CALCULATOR.calculate(new DoseQuery("KINERET", "tocilizumab", "RA", "SC", 70.0, 50.0, null, null, null, null, false, null)));
    }

    @Test
    void offLabelNeedsTheFlagAndAPrescriberRegimenAndIsRecordedAsSuch() {
        assertStatus(422, "prescriberRegimen", () -> CALCULATOR.calculate(
                new DoseQuery("ACTEMRA", null, "PMR", "SC", 70.0, 70.0, null, null, null, null, true, null)));
        assertStatus(422, "prescriberRegimen", () -> CALCULATOR.calculate(new DoseQuery("ACTEMRA", null, "RA", "SC", 70.0, 70.0, null,
                null, null, null, false, new PrescriberRegimen(162.0, null, "P1W", null))));
        DoseCalculation pmr = CALCULATOR.calculate(new DoseQuery("ACTEMRA", null, "PMR", "SC", 70.0, 70.0, null, null, null, null, true,
                new PrescriberRegimen(162.0, null, "P1W", null)));
        assertTrue(pmr.offLabel());
        assertEquals("offlabel.prescriber-entered", pmr.provenance().ruleId());
        assertEquals(162.0, pmr.dose().doseMg());
        assertFalse(pmr.verified());
        assertTrue(pmr.warnings().get(0).startsWith("OFF-LABEL"));
        assertStatus(400, "prescriberRegimen.interval", () -> CALCULATOR.calculate(new DoseQuery("ACTEMRA", null, "PMR", "SC", 70.0, 70.0,
                null, null, null, null, true, new PrescriberRegimen(162.0, null, "weekly", null))));
    }

    static void assertStatus(int status, String field, org.junit.jupiter.api.function.Executable call) {
        ProblemException problem = assertThrows(ProblemException.class, call);
        assertEquals(status, problem.status(), problem.getMessage());
        assertEquals(field, problem.errors().get(0).field(), problem.getMessage());
        assertFalse(problem.getMessage().isBlank());
    }
}
