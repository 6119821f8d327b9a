package org.ilsafety.monitoring.grading;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ilsafety.common.fhir.LabUnits;

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
    private final LabUnits units;

    @Inject
    public LabGrader(MonitoringKnowledge knowledge, LabUnits units) {
        this.knowledge = knowledge;
        this.units = units;
    }

    public LabGrader(MonitoringKnowledge knowledge) {
        this(knowledge, new LabUnits(Optional.empty()));
    }

    /** The rule set for the therapy; with the indication unknown, the drug's strictest labeled adult set for the context. */
    public Optional<LabRules.RuleSet> ruleSet(Therapy therapy) {
        return knowledge.labRules().content().ruleSets().stream()
                .filter(set -> set.drug().equalsIgnoreCase(therapy.drug()))
                .filter(set -> set.context().equals(therapy.context().name()))
                .filter(set -> therapy.indicationUnknown() ? set.forUnknownIndication() : set.indications().contains(therapy.indication()))
                .findFirst();
    }

    /**
     * Grades a result. A value that is a bound (comparator) is graded on its bound when every value the bound
     * allows falls in the same band ({@code <0.1 10*9/L} ANC: under 500/mm3), else it is ungradable and says
     * why. A non-finite value or reference limit is ungradable. With the indication unknown, the finding
     * requires individual review and says which rule set graded it.
     */
    public Grade grade(Therapy therapy, LabValue lab) {
        String version = knowledge.labRules().version();
        Optional<LabRules.Analyte> knownAnalyte = knowledge.analyteByLoinc(lab.code());
        if (knownAnalyte.isPresent() && (!Double.isFinite(lab.value()) || (lab.referenceHigh() != null && !Double.isFinite(lab.referenceHigh())))) {
            LabRules.Analyte analyte = knownAnalyte.get();
            return new Grade(new Finding(lab.code(), analyte.id(), FindingStatus.UNGRADABLE, null, lab.unit(), null, "UNGRADABLE", Action.MONITOR,
                    false, (Double.isFinite(lab.value()) ? "The reference range high" : "The value") + " of this " + analyte.id()
                            + " result is not a finite number; the result cannot be graded.", "UNGRADABLE-" + analyte.id(), analyte.source(), version),
                    analyte, null, null, null);
        }
        if (lab.comparator() != null && knownAnalyte.isPresent()) {
            return bound(therapy, lab, knownAnalyte.get(), version);
        }
        Grade grade = exact(therapy, lab, version);
        if (therapy.indicationUnknown() && grade.graded()) {
            Finding f = grade.finding();
            return new Grade(new Finding(f.code(), f.analyte(), f.status(), f.value(), f.unit(), f.multipleOfUln(), f.band(), f.action(), true,
                    "Indication unknown or off-label: graded with the strictest labeled adult rule set " + grade.ruleSet().id() + " for " + therapy.drug()
                            + "; review individually. " + f.message(), f.ruleId(), f.source(), f.knowledgeVersion()),
                    grade.analyte(), grade.scaledValue(), grade.rule(), grade.ruleSet());
        }
        return grade;
    }

    /** {@code <x}: every value from 0 up to x; {@code >x}: every value from x up. Graded when both ends fall in one band. */
    private Grade bound(Therapy therapy, LabValue lab, LabRules.Analyte analyte, String version) {
        boolean below = lab.comparator().startsWith("<");
        double edge = switch (lab.comparator()) {
            case "<" -> Math.nextDown(lab.value());
            case ">" -> Math.nextUp(lab.value());
            default -> lab.value();
        };
        double far = below ? 0 : Math.max(lab.value(), 1) * 1e6;
        Grade atEdge = grade(therapy, lab.at(edge));
        Grade atFar = grade(therapy, lab.at(far));
        String reported = lab.comparator() + lab.value() + " " + lab.unit();
        if (atEdge.graded() && atFar.graded() && atEdge.rule().id().equals(atFar.rule().id())) {
            Finding f = atEdge.finding();
            return new Grade(new Finding(f.code(), f.analyte(), f.status(), f.value(), f.unit(), f.multipleOfUln(), f.band(), f.action(),
                    f.requiresIndividualReview(), "Reported as " + reported + ", graded on its bound. " + f.message(), f.ruleId(), f.source(),
                    f.knowledgeVersion()), atEdge.analyte(), atEdge.scaledValue(), atEdge.rule(), atEdge.ruleSet());
        }
        if (atEdge.finding().status() != FindingStatus.GRADED) {
            return atEdge;
        }
        return ungradable(lab, analyte, null, analyte.id() + " reported as " + reported + ": the bound does not decide the band ("
                + atEdge.finding().band() + " or " + atFar.finding().band() + "); an exact value is needed.", version);
    }

    private Grade exact(Therapy therapy, LabValue lab, String version) {
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
                    therapy.indicationUnknown(), "The label sets no " + analyte.id() + " threshold for " + therapy.drug() + " in "
                            + (therapy.indicationUnknown() ? "an unknown or off-label indication" : therapy.indication()) + " ("
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
        if (!Double.isFinite(lab.value()) || (lab.referenceHigh() != null && !Double.isFinite(lab.referenceHigh()))) {
            return Optional.empty();
        }
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

    /** The analyte's listed units first; else any UCUM unit or known spelling that converts to the analyte's unit. */
    Optional<LabRules.UnitFactor> unitFactor(LabRules.Analyte analyte, String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        String trimmed = unit.trim();
        return analyte.units().stream().filter(u -> u.ucum().equals(trimmed)).findFirst()
                .or(() -> analyte.units().stream().filter(u -> u.ucum().toLowerCase(Locale.ROOT).equals(trimmed.toLowerCase(Locale.ROOT))).findFirst())
                .or(() -> {
                    OptionalDouble factor = units.factor(trimmed, analyte.unit());
                    return factor.isPresent() ? Optional.of(new LabRules.UnitFactor(trimmed, factor.getAsDouble())) : Optional.empty();
                });
    }

    private Optional<Double> upperLimit(LabRules.Analyte analyte, LabValue lab) {
        if (lab.referenceHigh() == null || !(lab.referenceHigh() > 0)) {
            return Optional.empty();
        }
        String unit = lab.referenceHighUnit() == null || lab.referenceHighUnit().isBlank() ? lab.unit() : lab.referenceHighUnit();
        return unitFactor(analyte, unit).map(f -> lab.referenceHigh() * f.factor());
    }
}
