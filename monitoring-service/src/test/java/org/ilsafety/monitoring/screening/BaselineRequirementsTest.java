package org.ilsafety.monitoring.screening;

import java.util.Arrays;
import java.util.List;

import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Screening;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Issue 19 item 2: the baseline labs a start needs, per drug and indication, from the packaged screening.yaml. */
class BaselineRequirementsTest {
    private static final Screening SCREENING = MonitoringKnowledge.packaged().screening().content();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "tocilizumab, RA, ANC PLATELETS LIVER",
            "tocilizumab, SJIA, ANC PLATELETS LIVER",
            "tocilizumab, COVID_19, ANC PLATELETS LIVER",
            "tocilizumab, OFF_LABEL, ANC PLATELETS LIVER",
            "tocilizumab, CRS, ''",
            "anakinra, RA, ANC",
            "anakinra, CAPS_NOMID, ANC",
    })
    void requiredBaselines(String drug, String indication, String expected) {
        List<String> ids = BaselineLabs.required(SCREENING, drug, indication).stream().map(Screening.BaselineLab::id).toList();
        assertEquals(expected.isBlank() ? List.of() : Arrays.asList(expected.split(" ")), ids);
    }

    @Test
    void everyBaselineRuleCarriesItsRuleIdSourceAndMessage() {
        assertFalse(SCREENING.baselineLabs().isEmpty());
        for (Screening.BaselineLab baseline : SCREENING.baselineLabs()) {
            assertFalse(baseline.ruleId() == null || baseline.ruleId().isBlank(), baseline.id());
            assertFalse(baseline.source() == null || baseline.source().isBlank(), baseline.id());
            assertFalse(baseline.message() == null || baseline.message().isBlank(), baseline.id());
            assertFalse(baseline.analytes().isEmpty(), baseline.id());
            baseline.analytes().forEach(a -> assertFalse(MonitoringKnowledge.packaged().analyte(a).isEmpty(), a + " is a known analyte"));
        }
    }
}
