package org.ilsafety.monitoring.therapy;

import java.time.Instant;

import org.ilsafety.common.events.PlanStatus;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.grading.LabGrader;
import org.ilsafety.monitoring.grading.LabValue;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 19 item 1: an ordered therapy with no dose given is PLANNED and graded with the start thresholds. */
class TherapyStartTest {
    private static final LabGrader GRADER = new LabGrader(MonitoringKnowledge.packaged());
    private static final Instant DOSE = Instant.parse("2026-11-02T08:00:00Z");

    private static ActiveTherapy therapy(PlanStatus status, String indication, boolean dosed) {
        ActiveTherapy therapy = new ActiveTherapy();
        therapy.patientId = "p";
        therapy.moleculeId = "tocilizumab";
        therapy.indication = indication;
        therapy.route = "IV";
        therapy.status = status;
        therapy.lastDoseAt = dosed ? DOSE : null;
        return therapy;
    }

    @ParameterizedTest(name = "{0}, dose given {1} -> {2}")
    @CsvSource({
            // status as the order or dosing-service's plan event leaves it, a dose given, status kept
            "ACTIVE, false, PLANNED",
            "ACTIVE, true, ACTIVE",
            "PLANNED, false, PLANNED",
            "PLANNED, true, ACTIVE",
            "INTERRUPTED, false, INTERRUPTED",
            "INTERRUPTED, true, INTERRUPTED",
            "DISCONTINUED, false, DISCONTINUED",
            "STOPPED, false, STOPPED",
    })
    void noDoseGivenIsPlanned(PlanStatus status, boolean dosed, PlanStatus expected) {
        ActiveTherapy therapy = therapy(status, "RA", dosed);
        TherapyStart.settle(therapy);
        assertEquals(expected, therapy.status);
    }

    @ParameterizedTest(name = "{0} with last dose {1}, dose at {2} -> {3}, first {4}")
    @CsvSource({
            "PLANNED, '', 2026-11-02T08:00:00Z, 2026-11-02T08:00:00Z, true",
            "ACTIVE, 2026-11-02T08:00:00Z, 2026-11-30T08:00:00Z, 2026-11-30T08:00:00Z, false",
            // a late record of an earlier dose never moves the last dose back
            "ACTIVE, 2026-11-30T08:00:00Z, 2026-11-02T08:00:00Z, 2026-11-30T08:00:00Z, false",
    })
    void anAdministrationStartsThePlannedTherapy(PlanStatus status, String lastDose, String at, String expectedLast, boolean first) {
        ActiveTherapy therapy = therapy(status, "RA", false);
        therapy.lastDoseAt = lastDose == null || lastDose.isBlank() ? null : Instant.parse(lastDose);
        assertEquals(first, TherapyStart.dosed(therapy, Instant.parse(at)));
        assertEquals(PlanStatus.ACTIVE, therapy.status);
        assertEquals(Instant.parse(expectedLast), therapy.lastDoseAt);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}, dose given {4} -> {5} ({6})")
    @CsvSource({
            // the case: a baseline ANC of 1,500/uL drawn after the order
            "RA, 751-8, 1500, /uL, false, DO_NOT_START, TCZ-INIT-ANC-LOW",
            "RA, 751-8, 1500, /uL, true, CONTINUE, TCZ-ANC-OK",
            "RA, 751-8, 2000, /uL, false, CONTINUE, TCZ-INIT-ANC-OK",
            "RA, 777-3, 99, 10*9/L, false, DO_NOT_START, TCZ-INIT-PLT-LOW",
            "RA, 777-3, 99, 10*9/L, true, INTERRUPT, TCZ-PLT-50K-100K",
            "RA, 777-3, 100, 10*9/L, false, CONTINUE, TCZ-INIT-PLT-OK",
            "GCA, 1742-6, 61, U/L, false, DO_NOT_START, TCZ-INIT-LFT-HIGH",
            "GCA, 1742-6, 60, U/L, false, CONTINUE, TCZ-INIT-LFT-OK",
            "GCA, 1742-6, 61, U/L, true, MONITOR, TCZ-LFT-1-3",
            "SJIA, 751-8, 1500, /uL, false, DO_NOT_START, TCZ-INIT-ANC-LOW",
            "COVID_19, 751-8, 999, /uL, false, DO_NOT_START, TCZ-COVID-INIT-ANC-LOW",
            "COVID_19, 751-8, 1500, /uL, false, CONTINUE, TCZ-COVID-INIT-ANC-OK",
    })
    void beforeTheFirstDoseTheStartThresholdsGrade(String indication, String loinc, double value, String unit, boolean dosed, Action expected,
            String ruleId) {
        ActiveTherapy therapy = therapy(PlanStatus.ACTIVE, indication, dosed);
        TherapyStart.settle(therapy);
        var finding = GRADER.grade(TherapyContext.of(therapy), new LabValue(loinc, value, unit, loinc.equals("1742-6") ? 40.0 : null, null))
                .finding();
        assertEquals(expected, finding.action());
        assertEquals(ruleId, finding.ruleId());
    }
}
