package org.ilsafety.dosing.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ilsafety.dosing.calculation.Step;
import org.junit.jupiter.api.Test;

/** A pharmacist's edit that would give two doses, no dose, or an unreadable interval stops the service at start. */
class RegimenValidationTest {
    static final Regimens SHIPPED = new DosingKnowledge(Optional.empty()).regimens();

    static Regimen row(String id, List<Step> steps, Double from, Double below, Double mgPerKg, Double flat, String interval) {
        return new Regimen(id, "tocilizumab", "RA", "IV", steps, 18.0, null, from, below, null, mgPerKg, flat, null, 800.0, interval, null,
                null, null, null, null, null, "note", "test source", true);
    }

    static List<String> problemsWith(Regimen... extra) {
        List<Regimen> rows = new ArrayList<>(SHIPPED.regimens());
        rows.addAll(List.of(extra));
        return RegimenValidation.problems(new Regimens(SHIPPED.knowledgeVersion(), SHIPPED.limits(), SHIPPED.weightUnits(), SHIPPED.forms(),
                SHIPPED.infusion(), rows));
    }

    @Test
    void theShippedKnowledgeIsConsistent() {
        assertEquals(List.of(), RegimenValidation.problems(SHIPPED));
    }

    @Test
    void anOverlappingRowIsRefused() {
        List<String> problems = problemsWith(row("test.ra.iv.duplicate", List.of(Step.INITIAL), 50.0, null, 6.0, null, "P4W"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("overlap")), problems.toString());
    }

    @Test
    void aRowWithTwoDosesOrABadIntervalIsRefused() {
        Regimen twoDoses = new Regimen("test.gca.iv.two", "tocilizumab", "GCA", "IV", List.of(Step.ESCALATED), 18.0, null, null, null, null,
                6.0, 162.0, null, null, "every month", null, null, null, null, null, null, "note", "test source", true);
        List<String> problems = problemsWith(twoDoses);
        assertTrue(problems.contains("test.gca.iv.two: needs exactly one of mgPerKg, flatDoseMg, mgPerKgRange"), problems.toString());
        assertTrue(problems.contains("test.gca.iv.two: interval is not ISO-8601"), problems.toString());
    }

    /** Issue 19 item 18: a dose repeated only on no improvement must say when, not show an interval. */
    @Test
    void aRepeatWithoutItsWordingIsRefused() {
        Regimen silent = new Regimen("test.crs.iv.silent", "tocilizumab", "CRS", "IV", List.of(Step.INITIAL), 80.0, null, null, null, null,
                8.0, null, null, 800.0, null, 3, 8.0, null, null, null, null, "note", "test source", true);
        assertTrue(problemsWith(silent).contains("test.crs.iv.silent: repeats need the repeat wording (when a further dose may be given)"),
                problemsWith(silent).toString());
    }
}
