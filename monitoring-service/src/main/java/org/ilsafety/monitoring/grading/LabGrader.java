package org.ilsafety.monitoring.grading;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;

/**
 * Grades one lab result against the label, statelessly: converts the value to the rule's unit (or to a
 * multiple of the upper limit of normal) and finds the band it falls in. A result that cannot be graded
 * says why; nothing is guessed.
 */
@ApplicationScoped
public class LabGrader {
    private final MonitoringKnowledge knowledge;

    public LabGrader(MonitoringKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    public Optional<LabRules.RuleSet> ruleSet(Therapy therapy) {
        return knowledge.labRules().content().ruleSets().stream()
                .filter(set -> set.drug().equalsIgnoreCase(therapy.drug()))
                .filter(set -> set.context().equals(therapy.context().name()))
                .filter(set -> set.indications().contains(therapy.indication()))
                .findFirst();
    }

    public Grade grade(Therapy therapy, LabValue lab) {
        String version = knowledge.labRules().version();
        Optional<LabRules.Analyte> known = knowledge.analyteByLoinc(lab.code());
        if (known.isEmpty()) {
            return new Grade(new Finding(lab.code(), null, FindingStatus.NOT_EVALUATED, lab.value(), lab.unit(), null, null, null, false,
                    "LOINC code " + lab.code() + " is not graded by this service.", null, null, version), null, null, null, null);
        }
        LabRules.Analyte analyte = known.get();
        Optional<LabRules.UnitFactor> factor = unitFactor(analyte, lab.unit());
        if (factor.isEmpty()) {
            return ungradable(lab, analyte, null, "Unit '" + lab.unit() + "' is not accepted for " + analyte.id() + "; accepted: "
                    + analyte.units().stream().map(LabRules.UnitFactor::ucum).collect(Collectors.joining(", ")) + ".", version);
        }
        double converted = lab.value() * factor.get().factor();
        Optional<LabRules.RuleSet> set = ruleSet(therapy);
        List<LabRules.Rule> rules = set.map(s -> s.rules().stream().filter(r -> r.analytes().contains(analyte.id())).toList())
                .orElse(List.of());
        if (rules.isEmpty()) {
            return new Grade(new Finding(lab.code(), analyte.id(), FindingStatus.NOT_EVALUATED, converted, analyte.unit(), null, null, null,
                    false, "The label sets no " + analyte.id() + " threshold for " + therapy.drug() + " in " + therapy.indication() + " ("
                            + therapy.context() + "); the result is recorded only.",
                    null, set.map(LabRules.RuleSet::source).orElse(null), version), analyte, null, null, set.orElse(null));
        }
        Double multiple = null;
        double scaled = converted;
        if (analyte.scale() == LabRules.Scale.ULN_MULTIPLE) {
            Optional<Double> uln = upperLimit(analyte, lab);
            if (uln.isEmpty()) {
                return ungradable(lab, analyte, converted, analyte.id()
                        + " has no usable upper limit of normal (referenceRange high, positive, in an accepted unit); it cannot be graded against x ULN.",
                        version);
            }
            multiple = converted / uln.get();
            scaled = multiple;
        }
        final double value = scaled;
        Optional<LabRules.Rule> rule = rules.stream().filter(r -> r.contains(value)).findFirst();
        if (rule.isEmpty()) {
            return ungradable(lab, analyte, converted, "No band of rule set " + set.get().id() + " covers this " + analyte.id() + " value.", version);
        }
        LabRules.Rule band = rule.get();
        return new Grade(new Finding(lab.code(), analyte.id(), FindingStatus.GRADED, converted, analyte.unit(), multiple, band.band(),
                band.action(), band.reviewIndividually(), band.message(), band.id(), set.get().source(), version),
                analyte, scaled, band, set.get());
    }

    /** The value bands are chosen on (converted count, or multiple of the ULN), whatever the therapy; empty when it cannot be computed. */
    public Optional<Double> scaledValue(LabRules.Analyte analyte, LabValue lab) {
        Optional<LabRules.UnitFactor> factor = unitFactor(analyte, lab.unit());
        if (factor.isEmpty()) {
            return Optional.empty();
        }
        double converted = lab.value() * factor.get().factor();
        if (analyte.scale() == LabRules.Scale.ABSOLUTE) {
            return Optional.of(converted);
        }
        return upperLimit(analyte, lab).map(uln -> converted / uln);
    }

    private static Grade ungradable(LabValue lab, LabRules.Analyte analyte, Double converted, String why, String version) {
        // An ungradable result needs a person to look at it: MONITOR, never a silent CONTINUE.
        return new Grade(new Finding(lab.code(), analyte.id(), FindingStatus.UNGRADABLE, converted != null ? converted : lab.value(),
                converted != null ? analyte.unit() : lab.unit(), null, "UNGRADABLE", Action.MONITOR, false, why, "UNGRADABLE-" + analyte.id(),
                analyte.source(), version), analyte, null, null, null);
    }

    static Optional<LabRules.UnitFactor> unitFactor(LabRules.Analyte analyte, String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        String trimmed = unit.trim();
        return analyte.units().stream().filter(u -> u.ucum().equals(trimmed)).findFirst()
                .or(() -> analyte.units().stream().filter(u -> u.ucum().toLowerCase(Locale.ROOT).equals(trimmed.toLowerCase(Locale.ROOT))).findFirst());
    }

    private static Optional<Double> upperLimit(LabRules.Analyte analyte, LabValue lab) {
        if (lab.referenceHigh() == null || !(lab.referenceHigh() > 0)) {
            return Optional.empty();
        }
        String unit = lab.referenceHighUnit() == null || lab.referenceHighUnit().isBlank() ? lab.unit() : lab.referenceHighUnit();
        return unitFactor(analyte, unit).map(f -> lab.referenceHigh() * f.factor());
    }
}
