package org.ilsafety.monitoring.grading;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ilsafety.common.fhir.LabUnits;
import org.ilsafety.common.knowledge.Provenance;

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
     * requires individual review and says which rule set graded it. A critical value always raises an alert
     * ({@code criticalValues} in lab-rules.yaml), also where the label gives no rule for the therapy.
     */
    public Grade grade(Therapy therapy, LabValue lab) {
        String version = knowledge.labRules().version();
        Optional<LabRules.Analyte> knownAnalyte = knowledge.analyteByLoinc(lab.code());
        if (knownAnalyte.isPresent() && (!Double.isFinite(lab.value()) || (lab.referenceHigh() != null && !Double.isFinite(lab.referenceHigh())))) {
            LabRules.Analyte analyte = knownAnalyte.get();
            return new Grade(new Finding(lab.code(), analyte.id(), FindingStatus.UNGRADABLE, null, lab.unit(), null, "UNGRADABLE", Action.MONITOR,
                    false, (Double.isFinite(lab.value()) ? "The reference range high" : "The value") + " of this " + analyte.id()
                            + " result is not a finite number; the result cannot be graded.",
                    new Provenance("UNGRADABLE-" + analyte.id(), analyte.source(), version)),
                    analyte, null, null, null);
        }
        Grade grade = knownAnalyte.flatMap(analyte -> measure(analyte, lab))
                .map(m -> lab.comparator() == null ? band(therapy, m, m.scaled(), version) : bound(therapy, lab, m, version))
                .orElseGet(() -> unmeasured(lab, version));
        if (therapy.indicationUnknown() && grade.graded()) {
            Finding f = grade.finding();
            return new Grade(new Finding(f.code(), f.analyte(), f.status(), f.value(), f.unit(), f.multipleOfUln(), f.band(), f.action(), true,
                    "Indication unknown or off-label: graded with the strictest labeled adult rule set "
                            + (grade.ruleSet() != null ? grade.ruleSet().id() : "(none)") + " for " + therapy.drug()
                            + "; review individually. " + f.message(), f.provenance()),
                    grade.analyte(), grade.scaledValue(), grade.rule(), grade.ruleSet());
        }
        return grade;
    }

    /**
     * {@code <x}: every value from 0 up to x; {@code >x}: every value from x up; the edge is taken on the value bands are
     * chosen on (count or ULN multiple), so a unit conversion cannot round it onto the threshold. Graded when both ends
     * fall in one band; the finding shows the bound itself.
     */
    private Grade bound(Therapy therapy, LabValue lab, Measured measured, String version) {
        boolean below = lab.comparator().startsWith("<");
        double edge = edge(lab.comparator(), measured.scaled());
        Grade atEdge = band(therapy, measured, edge, version);
        Grade atFar = band(therapy, measured, below ? 0 : Double.MAX_VALUE, version);
        String reported = lab.comparator() + lab.value() + " " + lab.unit();
        if (atEdge.graded() && atFar.graded() && atEdge.rule().id().equals(atFar.rule().id())) {
            Finding f = atEdge.finding();
            return new Grade(new Finding(f.code(), f.analyte(), f.status(), f.value(), f.unit(), f.multipleOfUln(), f.band(), f.action(),
                    f.requiresIndividualReview(), "Reported as " + reported + ", graded on its bound. " + f.message(), f.provenance()),
                    atEdge.analyte(), atEdge.scaledValue(), atEdge.rule(), atEdge.ruleSet());
        }
        if (atEdge.finding().status() != FindingStatus.GRADED) {
            return atEdge;
        }
        return ungradable(lab, measured.analyte(), null, measured.analyte().id() + " reported as " + reported + ": the bound does not decide the band ("
                + atEdge.finding().band() + " or " + atFar.finding().band() + "); an exact value is needed.", version);
    }

    /** The point of a bound that grades it: just under {@code <x}, just over {@code >x}, x itself for {@code <=} and {@code >=}. */
    private static double edge(String comparator, double scaled) {
        return switch (comparator) {
            case "<" -> Math.nextDown(scaled);
            case ">" -> Math.nextUp(scaled);
            default -> scaled;
        };
    }

    /** A result converted to the analyte's unit, and the value its bands are chosen on (the count, or the multiple of the ULN). */
    private record Measured(LabValue lab, LabRules.Analyte analyte, double converted, Double multipleOfUln, double scaled) {
    }

    /** Converts the result; empty when it cannot be: the unit is not accepted, or no usable ULN for an x ULN analyte. */
    private Optional<Measured> measure(LabRules.Analyte analyte, LabValue lab) {
        Optional<LabRules.UnitFactor> factor = unitFactor(analyte, lab.unit());
        if (factor.isEmpty()) {
            return Optional.empty();
        }
        double converted = lab.value() * factor.get().factor();
        if (analyte.scale() == LabRules.Scale.ABSOLUTE) {
            return Optional.of(new Measured(lab, analyte, converted, null, converted));
        }
        return upperLimit(analyte, lab).map(uln -> new Measured(lab, analyte, converted, converted / uln, converted / uln));
    }

    /** Why {@link #measure} gave nothing, as a finding. */
    private Grade unmeasured(LabValue lab, String version) {
        Optional<LabRules.Analyte> known = knowledge.analyteByLoinc(lab.code());
        if (known.isEmpty()) {
            return new Grade(new Finding(lab.code(), null, FindingStatus.NOT_EVALUATED, lab.value(), lab.unit(), null, null, null, false,
                    "LOINC code " + lab.code() + " is not graded by this service.", new Provenance(null, null, version)), null, null, null, null);
        }
        LabRules.Analyte analyte = known.get();
        Optional<LabRules.UnitFactor> factor = unitFactor(analyte, lab.unit());
        if (factor.isEmpty()) {
            return ungradable(lab, analyte, null, "Unit '" + lab.unit() + "' is not accepted for " + analyte.id() + "; accepted: "
                    + analyte.units().stream().map(LabRules.UnitFactor::ucum).collect(Collectors.joining(", ")) + ".", version);
        }
        return ungradable(lab, analyte, lab.value() * factor.get().factor(), analyte.id()
                + " has no usable upper limit of normal (referenceRange high, positive, in an accepted unit); it cannot be graded against x ULN.",
                version);
    }

    /**
     * The band of the therapy's rule set that holds {@code scaled}, overridden by a critical value when that band does not change
     * the plan; where the rule set has no rule for the analyte, the critical values grade it alone.
     */
    private Grade band(Therapy therapy, Measured m, double scaled, String version) {
        LabRules.Analyte analyte = m.analyte();
        Optional<LabRules.RuleSet> set = ruleSet(therapy);
        List<LabRules.Rule> rules = set.map(s -> s.rules().stream().filter(r -> r.analytes().contains(analyte.id())).toList()).orElse(List.of());
        LabRules.CriticalValues criticalValues = knowledge.labRules().content().criticalValues();
        List<LabRules.Rule> critical = criticalValues == null || !criticalValues.appliesTo(therapy.drug()) ? List.of()
                : criticalValues.rules().stream().filter(r -> r.analytes().contains(analyte.id())).toList();
        String where = therapy.drug() + " in " + (therapy.indicationUnknown() ? "an unknown or off-label indication" : therapy.indication())
                + " (" + therapy.context() + ")";
        if (rules.isEmpty() && critical.isEmpty()) {
            return new Grade(new Finding(m.lab().code(), analyte.id(), FindingStatus.NOT_EVALUATED, m.converted(), analyte.unit(), null, null, null,
                    therapy.indicationUnknown(), "The label sets no " + analyte.id() + " threshold for " + where + "; the result is recorded only.",
                    new Provenance(null, set.map(LabRules.RuleSet::source).orElse(null), version)), analyte, null, null, set.orElse(null));
        }
        Optional<LabRules.Rule> criticalBand = critical.stream().filter(r -> r.contains(scaled)).findFirst();
        if (rules.isEmpty()) {
            if (criticalBand.isEmpty()) {
                return ungradable(m.lab(), analyte, m.converted(), "No critical-value band covers this " + analyte.id() + " value.", version);
            }
            LabRules.Rule rule = criticalBand.get();
            String why = " The label gives no " + analyte.id() + " rule for " + where + "; "
                    + (rule.action() == Action.CONTINUE ? "only critical values are checked." : "a critical value always raises an alert (a project rule, not a label threshold).");
            return graded(m, scaled, rule.withMessage(rule.message() + why), criticalValues.source(), set.orElse(null), version);
        }
        Optional<LabRules.Rule> rule = rules.stream().filter(r -> r.contains(scaled)).findFirst();
        if (rule.isEmpty()) {
            return ungradable(m.lab(), analyte, m.converted(), "No band of rule set " + set.get().id() + " covers this " + analyte.id() + " value.", version);
        }
        LabRules.Rule labelBand = rule.get();
        if (criticalBand.isPresent() && criticalBand.get().action() != Action.CONTINUE && !labelBand.action().changesPlan()) {
            LabRules.Rule override = criticalBand.get();
            return graded(m, scaled, override.withMessage(override.message() + " On " + where + " rule set " + set.get().id() + " grades it "
                    + labelBand.band() + " (" + labelBand.action() + "), which changes nothing in the plan; a critical value always raises an alert"
                    + " (a project rule, not a label threshold)."), criticalValues.source(), set.get(), version);
        }
        return graded(m, scaled, labelBand, set.get().source(), set.get(), version);
    }

    private static Grade graded(Measured m, double scaled, LabRules.Rule band, String source, LabRules.RuleSet set, String version) {
        return new Grade(new Finding(m.lab().code(), m.analyte().id(), FindingStatus.GRADED, m.converted(), m.analyte().unit(), m.multipleOfUln(),
                band.band(), band.action(), band.reviewIndividually(), band.message(),
                new Provenance(band.id(), source, version)), m.analyte(), scaled, band, set);
    }

    /**
     * The value bands are chosen on (converted count, or multiple of the ULN), whatever the therapy; empty when it cannot be
     * computed. For a bound it is the point the bound is graded on (just under {@code <x}, just over {@code >x}), so it falls
     * in the band the grade names and a recovery ({@code >1.0 10*9/L} ANC: above 1000/mm3) is seen as one.
     */
    public Optional<Double> scaledValue(LabRules.Analyte analyte, LabValue lab) {
        if (!Double.isFinite(lab.value()) || (lab.referenceHigh() != null && !Double.isFinite(lab.referenceHigh()))) {
            return Optional.empty();
        }
        return measure(analyte, lab).map(m -> lab.comparator() == null ? m.scaled() : edge(lab.comparator(), m.scaled()));
    }

    private static Grade ungradable(LabValue lab, LabRules.Analyte analyte, Double converted, String why, String version) {
        // An ungradable result needs a person to look at it: MONITOR, never a silent CONTINUE.
        return new Grade(new Finding(lab.code(), analyte.id(), FindingStatus.UNGRADABLE, converted != null ? converted : lab.value(),
                converted != null ? analyte.unit() : lab.unit(), null, "UNGRADABLE", Action.MONITOR, false, why,
                new Provenance("UNGRADABLE-" + analyte.id(), analyte.source(), version)), analyte, null, null, null);
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
