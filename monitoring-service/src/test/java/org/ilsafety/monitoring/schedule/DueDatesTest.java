package org.ilsafety.monitoring.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Schedules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Due and overdue days from the start and the last result, per indication and lab group. */
class DueDatesTest {
    private static final MonitoringKnowledge KNOWLEDGE = MonitoringKnowledge.packaged();
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static Schedules.Group group(String drug, String indication, String group) {
        return KNOWLEDGE.schedules().content().schedules().stream().filter(s -> s.drug().equals(drug) && s.indications().contains(indication))
                .flatMap(s -> s.groups().stream()).filter(g -> g.group().equals(group)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1} {2}, last result day {3}: due day {4}, overdue day {5}")
    @CsvSource({
            "tocilizumab, RA, BLOOD_COUNT, , 28, 56",
            "tocilizumab, RA, BLOOD_COUNT, 40, 131, 145",
            "tocilizumab, RA, LIVER, 100, 128, 156",
            "tocilizumab, RA, LIVER, 182, 273, 287",
            "tocilizumab, GCA, LIPIDS, 30, 198, 226",
            "tocilizumab, PJIA, BLOOD_COUNT, 28, 56, 84",
            "tocilizumab, SJIA, BLOOD_COUNT, , 14, 28",
            "anakinra, RA, BLOOD_COUNT, , 30, 37",
            "anakinra, RA, BLOOD_COUNT, 95, 186, 200",
            "tocilizumab, RA, TB_RETEST, , 365, 395",
            "tocilizumab, GCA, TB_RETEST, 300, 665, 695",
            "tocilizumab, PJIA, TB_RETEST, , 365, 395",
    })
    void nextDue(String drug, String indication, String group, Integer lastDay, int dueDay, int overdueDay) {
        Instant last = lastDay == null ? null : START.plus(Duration.ofDays(lastDay));
        DueDates.Due due = DueDates.next(group(drug, indication, group), START, last).orElseThrow();
        assertEquals(START.plus(Duration.ofDays(dueDay)), due.dueAt());
        assertEquals(START.plus(Duration.ofDays(overdueDay)), due.overdueAt());
    }

    /** Issue 19 item 20: the first pJIA/sJIA counts are at the second dose, which follows the route's interval. */
    @ParameterizedTest(name = "{0} {1}, last result day {2}: due day {3}, overdue day {4} ({5})")
    @CsvSource(nullValues = "-", value = {
            "PJIA, IV, -,  28, 56, TCZ-SCHED-PJIA-CBC",
            "PJIA, SC, -,  14, 28, TCZ-SCHED-PJIA-SC-CBC",
            "PJIA, SC, 15, 43, 71, TCZ-SCHED-PJIA-SC-CBC",
            "SJIA, IV, -,  14, 28, TCZ-SCHED-SJIA-CBC",
            "SJIA, SC, -,  7,  14, TCZ-SCHED-SJIA-SC-CBC",
            "SJIA, SC, 8,  22, 36, TCZ-SCHED-SJIA-SC-CBC",
    })
    void theFirstJiaCountsAreDueAtTheSecondDoseOfTheRoute(String indication, String route, Integer lastDay, int dueDay, int overdueDay,
            String ruleId) {
        Schedules.Schedule schedule = KNOWLEDGE.schedules().content().schedules().stream()
                .filter(s -> s.drug().equals("tocilizumab") && s.indications().contains(indication) && s.coversRoute(route)).findFirst()
                .orElseThrow();
        Schedules.Group group = schedule.groups().stream().filter(g -> g.group().equals("BLOOD_COUNT")).findFirst().orElseThrow();
        assertEquals(ruleId, group.ruleId());
        Instant last = lastDay == null ? null : START.plus(Duration.ofDays(lastDay));
        DueDates.Due due = DueDates.next(group, START, last).orElseThrow();
        assertEquals(START.plus(Duration.ofDays(dueDay)), due.dueAt());
        assertEquals(START.plus(Duration.ofDays(overdueDay)), due.overdueAt());
    }

    @org.junit.jupiter.api.Test
    void anakinraNeutrophilMonitoringEndsAfterOneYear() {
        assertTrue(DueDates.next(group("anakinra", "RA", "BLOOD_COUNT"), START, START.plus(Duration.ofDays(370))).isEmpty());
    }

    /** Issue 19: the yearly TB re-test is on every tocilizumab schedule but COVID-19 and CRS, never on anakinra, and says the label is silent. */
    @org.junit.jupiter.api.Test
    void theYearlyTbReTestIsDataNotVerifiedAndSaysTheLabelGivesNoInterval() {
        for (Schedules.Schedule schedule : KNOWLEDGE.schedules().content().schedules()) {
            java.util.Optional<Schedules.Group> tb = schedule.groups().stream().filter(g -> g.group().equals("TB_RETEST")).findFirst();
            org.junit.jupiter.api.Assertions.assertEquals(schedule.drug().equals("tocilizumab"), tb.isPresent(), schedule.id());
            tb.ifPresent(g -> {
                org.junit.jupiter.api.Assertions.assertFalse(g.verified());
                org.junit.jupiter.api.Assertions.assertTrue(g.note().contains("gives no re-test interval"));
            });
        }
    }
}
