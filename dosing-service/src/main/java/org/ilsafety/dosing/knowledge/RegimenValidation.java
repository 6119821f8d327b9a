package org.ilsafety.dosing.knowledge;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the dosing knowledge when it loads, so that a pharmacist's edit that cannot be applied
 * safely stops the service at start instead of giving a wrong dose later.
 */
public final class RegimenValidation {
    private RegimenValidation() {
    }

    /** The problems found; empty when the knowledge is consistent. */
    public static List<String> problems(Regimens regimens) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Regimen r : regimens.regimens()) {
            if (!ids.add(r.id())) {
                problems.add(r.id() + ": duplicate id");
            }
            if (r.source() == null || r.source().isBlank()) {
                problems.add(r.id() + ": no source");
            }
            if (r.steps() == null || r.steps().isEmpty()) {
                problems.add(r.id() + ": no steps");
            }
            int doses = (r.mgPerKg() != null ? 1 : 0) + (r.flatDoseMg() != null ? 1 : 0) + (r.mgPerKgRange() != null ? 1 : 0);
            if (r.calculable() && doses != 1) {
                problems.add(r.id() + ": needs exactly one of mgPerKg, flatDoseMg, mgPerKgRange");
            }
            if (r.mgPerKgRange() != null && !(r.mgPerKgRange().min() <= r.mgPerKgRange().startMin()
                    && r.mgPerKgRange().startMin() <= r.mgPerKgRange().startMax() && r.mgPerKgRange().startMax() <= r.mgPerKgRange().max())) {
                problems.add(r.id() + ": mgPerKgRange must satisfy min <= startMin <= startMax <= max");
            }
            if (r.weightKgFrom() != null && r.weightKgBelow() != null && r.weightKgFrom() >= r.weightKgBelow()) {
                problems.add(r.id() + ": empty weight band");
            }
            if (r.maxAdditionalDoses() != null && r.minHoursBetweenDoses() == null) {
                problems.add(r.id() + ": repeats need minHoursBetweenDoses");
            }
            if (r.maxAdditionalDoses() != null && (r.repeat() == null || r.repeat().isBlank())) {
                problems.add(r.id() + ": repeats need the repeat wording (when a further dose may be given)");
            }
            checkInterval(r.id(), r.interval(), problems);
            if (r.renal() != null) {
                checkInterval(r.id() + " renal", r.renal().interval(), problems);
            }
            if (regimens.forms().stream().noneMatch(f -> f.molecule().equals(r.molecule()) && f.route().equals(r.route()))) {
                problems.add(r.id() + ": no " + r.route() + " form of " + r.molecule());
            }
        }
        List<Regimen> rows = regimens.regimens().stream().filter(Regimen::calculable).toList();
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                if (overlap(rows.get(i), rows.get(j))) {
                    problems.add(rows.get(i).id() + " and " + rows.get(j).id() + ": overlap (same patient, two doses)");
                }
            }
        }
        return problems;
    }

    static boolean overlap(Regimen a, Regimen b) {
        return a.molecule().equals(b.molecule()) && a.indication().equals(b.indication()) && a.route().equals(b.route())
                && a.steps().stream().anyMatch(b.steps()::contains)
                && ranges(a.ageYearsFrom(), a.ageYearsBelow(), b.ageYearsFrom(), b.ageYearsBelow())
                && ranges(a.weightKgFrom(), a.weightKgBelow(), b.weightKgFrom(), b.weightKgBelow());
    }

    private static boolean ranges(Double fromA, Double belowA, Double fromB, Double belowB) {
        double lowA = fromA == null ? Double.NEGATIVE_INFINITY : fromA;
        double highA = belowA == null ? Double.POSITIVE_INFINITY : belowA;
        double lowB = fromB == null ? Double.NEGATIVE_INFINITY : fromB;
        double highB = belowB == null ? Double.POSITIVE_INFINITY : belowB;
        return lowA < highB && lowB < highA;
    }

    private static void checkInterval(String id, String interval, List<String> problems) {
        if (interval == null) {
            return;
        }
        try {
            if (interval.contains("T")) {
                Duration.parse(interval);
            } else {
                Period.parse(interval);
            }
        } catch (DateTimeParseException e) {
            problems.add(id + ": interval is not ISO-8601");
        }
    }
}
