package org.ilsafety.dosing.calculation;

import static org.ilsafety.dosing.calculation.DoseInputs.finite;
import static org.ilsafety.dosing.calculation.DoseInputs.required;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.knowledge.ProductCatalog.Product;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;
import org.ilsafety.dosing.knowledge.Regimen;

/**
 * Stateless dose calculation from the labeled regimens of the knowledge base, in three parts: regimen selection
 * ({@link RegimenSelector}), dose arithmetic ({@link DoseArithmetic}) and preparation ({@link Preparations}).
 * Refuses, naming the field and the reason, every combination the label does not have; never guesses.
 */
@ApplicationScoped
public class DoseCalculator {
    private final DosingKnowledge knowledge;
    private final DoseInputs inputs;
    private final RegimenSelector selector;
    private final DoseArithmetic arithmetic;
    private final Preparations preparations;

    public DoseCalculator(DosingKnowledge knowledge, ProductCatalog products) {
        this.knowledge = knowledge;
        this.inputs = new DoseInputs(knowledge);
        this.selector = new RegimenSelector(knowledge, products);
        this.arithmetic = new DoseArithmetic(knowledge);
        this.preparations = new Preparations(knowledge);
    }

    /** For a request: age is required. */
    public DoseCalculation calculate(DoseQuery query) {
        return calculate(query, true);
    }

    /**
     * For a therapy plan, whose order may not carry the age: without it the label's age limits are not
     * checked and the result says so.
     */
    public DoseCalculation calculate(DoseQuery query, boolean requireAge) {
        Product product = selector.product(query);
        String route = RegimenSelector.route(query.route(), product);
        String indication = required(query.indication(), "indication").toUpperCase(Locale.ROOT);
        double weightKg = inputs.weight(query.weightKg());
        Double ageYears = requireAge || query.ageYears() != null ? inputs.age(query.ageYears()) : null;
        finite(query.mgPerKg(), "mgPerKg");
        finite(query.creatinineClearanceMlPerMin(), "creatinineClearanceMlPerMin");
        if (query.doseNumber() != null && query.doseNumber() < 1) {
            throw ProblemException.badRequest("doseNumber", "doseNumber must be 1 or more");
        }
        if (query.creatinineClearanceMlPerMin() != null && query.creatinineClearanceMlPerMin() < 0) {
            throw ProblemException.badRequest("creatinineClearanceMlPerMin", "creatinine clearance cannot be negative");
        }
        Treatment treatment = new Treatment(product.id(), product.molecule(), indication, route, query.stepOrInitial());
        if (query.offLabel()) {
            return offLabel(query, treatment, weightKg);
        }
        if (query.prescriberRegimen() != null) {
            throw ProblemException.unprocessable("prescriberRegimen", "a prescriber-entered regimen is accepted only with offLabel true");
        }
        Regimen regimen = selector.select(product, indication, route, weightKg, ageYears, query.stepOrInitial());
        DoseCalculation dose = labeled(query, product, regimen, weightKg);
        if (ageYears == null) {
            List<String> warnings = new ArrayList<>(dose.warnings());
            warnings.add("Age unknown: the age limits of the label (" + regimen.ageRange() + ") were not checked");
            dose = dose.withWarnings(warnings);
        }
        return dose;
    }

    /** The regimen row for a patient, refusing what the label does not have. */
    public Regimen select(Product product, String indication, String route, double weightKg, Double ageYears, Step step) {
        return selector.select(product, indication, route, weightKg, ageYears, step);
    }

    private DoseCalculation labeled(DoseQuery query, Product product, Regimen regimen, double weightKg) {
        List<String> warnings = new ArrayList<>();
        Dose dose = arithmetic.labeledDose(query, regimen, weightKg, warnings);
        Schedule schedule = arithmetic.labeledSchedule(query, regimen, warnings);
        if ("EUA".equals(regimen.authorization())) {
            warnings.add("Emergency use authorization, not the approved label");
        }
        if (!regimen.verified()) {
            warnings.add("Rule " + regimen.id() + " is not verified against the current label");
        }
        if (!product.verified()) {
            warnings.add("The labeled indications of " + product.id() + " are not verified against later supplements");
        }
        if (regimen.mgPerKgRange() != null) {
            warnings.add(regimen.note());
        }
        Treatment treatment = new Treatment(product.id(), product.molecule(), regimen.indication(), regimen.route(), query.stepOrInitial());
        Preparation preparation = preparations.prepare(product.molecule(), regimen.indication(), regimen.route(), dose.doseMg(), weightKg,
                warnings);
        return new DoseCalculation(treatment, dose, schedule, preparation, false, regimen.authorization(), List.copyOf(warnings),
                new Provenance(regimen.id(), regimen.source(), knowledge.version()), regimen.verified());
    }

    /** An off-label use: the prescriber-entered regimen, recorded under the knowledge base's off-label rule. */
    private DoseCalculation offLabel(DoseQuery query, Treatment treatment, double weightKg) {
        Dose dose = arithmetic.offLabelDose(query.prescriberRegimen(), weightKg);
        Schedule schedule = new Schedule(query.prescriberRegimen().interval(), query.doseNumber(), null, null, null, null, null);
        List<String> warnings = new ArrayList<>();
        warnings.add("OFF-LABEL: no labeled dose exists for " + treatment.indication() + " with " + treatment.productId()
                + "; the prescriber-entered regimen is used and recorded as off-label");
        Preparation preparation = preparations.prepare(treatment.moleculeId(), treatment.indication(), treatment.route(), dose.doseMg(),
                weightKg, warnings);
        PlanRules.RuleNote rule = knowledge.planRules().procedures().offLabel();
        return new DoseCalculation(treatment, dose, schedule, preparation, true, "OFF_LABEL", List.copyOf(warnings),
                knowledge.provenance(rule.ruleId(), rule.source()), rule.verified());
    }
}
