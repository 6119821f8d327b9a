package org.ilsafety.dosing.renal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.ilsafety.common.fhir.LabUnits;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.dosing.calculation.DoseCalculator;
import org.ilsafety.dosing.calculation.DoseQuery;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 19 item 4: which renal readings the plan reads, in which unit, and what a comparator value says against 30 mL/min. */
class RenalReadingTest {
    static final DosingKnowledge KNOWLEDGE = new DosingKnowledge(Optional.empty());
    static final LabUnits UNITS = new LabUnits(Optional.empty());

    @ParameterizedTest(name = "LOINC {0} -> renal {1}, estimate {2}")
    @CsvSource({
            "2164-2,  true,  false",
            "35591-7, true,  false",
            "33914-3, true,  true",
            "48642-3, true,  true",
            "48643-1, true,  true",
            "62238-1, true,  true",
            "98979-8, true,  true",
            "2160-0,  false, false", // serum creatinine is not a clearance
            "29463-7, false, false",
    })
    void theKnowledgeNamesTheRenalCodesAndFlagsTheEstimates(String loinc, boolean renal, boolean estimate) {
        Optional<PlanRules.RenalCode> code = KNOWLEDGE.planRules().renalFunction().code("http://loinc.org", loinc);
        assertEquals(renal, code.isPresent());
        code.ifPresent(c -> assertEquals(estimate, c.estimate()));
        assertTrue(KNOWLEDGE.planRules().renalFunction().code("http://snomed.info/sct", "35591-7").isEmpty(), "by system and code");
    }

    @ParameterizedTest(name = "{0} {1} -> {2} mL/min")
    @CsvSource({
            "25,   mL/min,            25",
            "25,   mL/min/{1.73_m2},  25",
            "25,   mL/min/1.73m2,     25",
            "25,   mL/min/1.73 m2,    25",
            "0.5,  mL/s,              30",
    })
    void renalUnitsConvertToMlPerMin(double value, String unit, double mlPerMin) {
        assertEquals(mlPerMin, value * UNITS.factor(unit, KNOWLEDGE.planRules().renalFunction().unit()).orElseThrow(), 1e-9);
    }

    @ParameterizedTest(name = "{1}{0} against 30 -> {2}")
    @CsvSource(nullValues = "-", value = {
            "25, -,  25",
            "30, -,  30",
            "60, >,  60",
            "30, >=, 30",
            "25, >,  -",  // could be 26 or 40
            "35, <,  -",  // could be 20 or 34
            "15, <,  15",
            "30, <,  29.999999999999996",
            "30, <=, -",
            "29, <=, 29",
    })
    void aComparatorValueIsUsedOnlyWhenItDecidesTheSideOfTheThreshold(double value, String comparator, Double used) {
        assertEquals(Optional.ofNullable(used), RenalReading.valueAgainst(value, comparator, 30));
        if (used != null) {
            DoseCalculator calculator = new DoseCalculator(KNOWLEDGE, new ProductCatalog(Optional.empty()));
            String interval = calculator.calculate(new DoseQuery("KINERET", null, "RA", "SC", 70.0, 50.0, null, null, used, null, false, null))
                    .schedule().interval();
            assertEquals(used < 30 ? "P2D" : "P1D", interval);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "35591-7 | creatinine clearance 25 mL/min (LOINC 35591-7, 2026-11-05)",
            "-       | creatinine clearance 25 mL/min (given in the prescriber's request, 2026-11-05)",
    }, nullValues = "-")
    void theReadingSaysWhichValueWasUsed(String code, String description) {
        RenalReading reading = RenalReadings.fromRequest("p", 25, Instant.parse("2026-11-05T10:00:00Z"));
        reading.code = code;
        reading.display = code == null ? null : "creatinine clearance";
        assertEquals(description, reading.describe());
    }

    @ParameterizedTest(name = "Kineret {0} without a creatinine clearance says it was not checked")
    @CsvSource({ "RA, 70, ", "CAPS_NOMID, 30, 1" })
    void aKineretDoseWithoutARenalValueSaysTheRenalIntervalWasNotChecked(String indication, double kg, Double mgPerKg) {
        DoseCalculator calculator = new DoseCalculator(KNOWLEDGE, new ProductCatalog(Optional.empty()));
        var dose = calculator.calculate(new DoseQuery("KINERET", null, indication, "SC", kg, 50.0, null, mgPerKg, null, null, false, null));
        assertTrue(dose.warnings().stream().anyMatch(w -> w.startsWith("Creatinine clearance unknown")), dose.warnings().toString());
        var tocilizumab = calculator.calculate(new DoseQuery("ACTEMRA", null, "RA", "IV", 70.0, 50.0, null, null, null, null, false, null));
        assertTrue(tocilizumab.warnings().stream().noneMatch(w -> w.contains("Creatinine clearance")), "no renal rule for tocilizumab");
    }
}
