package org.ilsafety.dosing.calculation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.knowledge.ProductCatalog.Product;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.Regimen;
import org.ilsafety.dosing.knowledge.Regimens;
import org.ilsafety.dosing.weight.Kilograms;

/**
 * Stateless dose calculation from the labeled regimens of the knowledge base. Refuses, naming the field
 * and the reason, every combination the label does not have; never guesses.
 */
@ApplicationScoped
public class DoseCalculator {
    public static final String OFF_LABEL_RULE = "offlabel.prescriber-entered";
    private static final Set<String> ROUTES = Set.of("IV", "SC");

    private final DosingKnowledge knowledge;
    private final ProductCatalog products;

    public DoseCalculator(DosingKnowledge knowledge, ProductCatalog products) {
        this.knowledge = knowledge;
        this.products = products;
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
        Product product = product(query);
        String route = route(query.route(), product);
        String indication = required(query.indication(), "indication").toUpperCase(Locale.ROOT);
        double weightKg = weight(query.weightKg());
        Double ageYears = requireAge || query.ageYears() != null ? age(query.ageYears()) : null;
        finite(query.mgPerKg(), "mgPerKg");
        finite(query.creatinineClearanceMlPerMin(), "creatinineClearanceMlPerMin");
        if (query.doseNumber() != null && query.doseNumber() < 1) {
            throw ProblemException.badRequest("doseNumber", "doseNumber must be 1 or more");
        }
        if (query.creatinineClearanceMlPerMin() != null && query.creatinineClearanceMlPerMin() < 0) {
            throw ProblemException.badRequest("creatinineClearanceMlPerMin", "creatinine clearance cannot be negative");
        }
        if (query.offLabel()) {
            return offLabel(query, product, indication, route, weightKg);
        }
        if (query.prescriberRegimen() != null) {
            throw ProblemException.unprocessable("prescriberRegimen", "a prescriber-entered regimen is accepted only with offLabel true");
        }
        Regimen regimen = select(product, indication, route, weightKg, ageYears, query.stepOrInitial());
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
        List<Regimen> forIndication = knowledge.regimens().regimens().stream()
                .filter(r -> r.molecule().equals(product.molecule()) && r.indication().equals(indication)).toList();
        if (forIndication.isEmpty()) {
            boolean labeledAnywhere = knowledge.regimens().regimens().stream().anyMatch(r -> r.indication().equals(indication));
            throw ProblemException.unprocessable("indication", labeledAnywhere
                    ? product.molecule() + " has no labeled regimen for " + indication
                    : indication + " is not a labeled indication; an off-label use needs offLabel true and a prescriberRegimen");
        }
        if (!product.indications().contains(indication)) {
            throw ProblemException.unprocessable("indication", product.id() + " is not labeled for " + indication
                    + " (labeled: " + String.join(", ", product.indications()) + ")");
        }
        List<Regimen> forRoute = forIndication.stream().filter(r -> r.route().equals(route)).toList();
        if (forRoute.isEmpty()) {
            throw ProblemException.unprocessable("route", "the label has no " + route + " regimen for " + indication + " (only "
                    + forIndication.stream().map(Regimen::route).distinct().collect(Collectors.joining(", ")) + ")");
        }
        List<Regimen> forAge = forRoute.stream().filter(r -> ageYears == null || r.coversAge(ageYears)).toList();
        if (forAge.isEmpty()) {
            String ranges = forRoute.stream().filter(Regimen::calculable).map(Regimen::ageRange).distinct().collect(Collectors.joining(", "));
            throw ProblemException.unprocessable("ageYears", "the label gives " + indication + " by " + route + " only for patients "
                    + ranges + "; a patient aged " + ageYears + " years has no labeled dose");
        }
        List<Regimen> calculable = forAge.stream().filter(Regimen::calculable).toList();
        if (calculable.isEmpty()) {
            throw ProblemException.unprocessable("ageYears", forAge.get(0).note() + " (rule " + forAge.get(0).id() + ")");
        }
        List<Regimen> forWeight = calculable.stream().filter(r -> r.coversWeight(weightKg)).toList();
        if (forWeight.isEmpty()) {
            throw ProblemException.unprocessable("weight", "no labeled weight band of " + indication + " by " + route + " covers " + Kilograms.displayed(weightKg) + " kg");
        }
        return forWeight.stream().filter(r -> r.appliesTo(step)).findFirst()
                .orElseThrow(() -> ProblemException.unprocessable("step", "the label has no " + step + " step for " + indication
                        + " by " + route + " (steps: " + forWeight.stream().flatMap(r -> r.steps().stream()).map(Enum::name).distinct()
                                .collect(Collectors.joining(", ")) + ")"));
    }

    private DoseCalculation labeled(DoseQuery query, Product product, Regimen regimen, double weightKg) {
        List<String> warnings = new ArrayList<>();
        Double mgPerKg;
        double rawDose;
        if (regimen.mgPerKgRange() != null) {
            Regimens.MgPerKgRange range = regimen.mgPerKgRange();
            mgPerKg = query.mgPerKg() == null ? range.startMin() : query.mgPerKg();
            if (mgPerKg < range.min() || mgPerKg > range.max()) {
                throw ProblemException.unprocessable("mgPerKg", "the label allows " + range.min() + " to " + range.max()
                        + " mg/kg daily for " + regimen.indication() + "; " + mgPerKg + " mg/kg is outside it");
            }
            if (query.mgPerKg() == null) {
                warnings.add("No mgPerKg given: the low end of the labeled starting range (" + range.startMin() + " to "
                        + range.startMax() + " mg/kg) is used");
            } else if (mgPerKg > range.startMax()) {
                warnings.add("Above the labeled starting range (" + range.startMin() + " to " + range.startMax()
                        + " mg/kg): a titrated dose, adjusted in steps of " + range.adjustStepMin() + " to " + range.adjustStepMax() + " mg/kg");
            }
            rawDose = weightKg * mgPerKg;
        } else if (regimen.mgPerKg() != null) {
            mgPerKg = regimen.mgPerKg();
            if (query.mgPerKg() != null && Double.compare(query.mgPerKg(), mgPerKg) != 0) {
                throw ProblemException.unprocessable("mgPerKg", "the label fixes " + mgPerKg + " mg/kg for this regimen and step ("
                        + regimen.id() + "); choose the step, not the mg/kg");
            }
            rawDose = weightKg * mgPerKg;
        } else {
            mgPerKg = null;
            if (query.mgPerKg() != null) {
                throw ProblemException.unprocessable("mgPerKg", "this regimen is a flat dose (" + regimen.id() + "); mgPerKg does not apply");
            }
            rawDose = regimen.flatDoseMg();
        }
        double dose = round(rawDose);
        boolean capped = regimen.maxDoseMg() != null && dose > regimen.maxDoseMg();
        if (capped) {
            dose = regimen.maxDoseMg();
            warnings.add("Capped at " + regimen.maxDoseMg() + " mg per dose (" + round(rawDose) + " mg by weight)");
        }
        String interval = regimen.interval();
        Integer courseDoses = regimen.courseDoses();
        if (regimen.renal() != null && query.creatinineClearanceMlPerMin() != null
                && query.creatinineClearanceMlPerMin() < regimen.renal().creatinineClearanceBelowMlPerMin()) {
            interval = regimen.renal().interval();
            if (regimen.renal().courseDoses() != null) {
                courseDoses = regimen.renal().courseDoses();
            }
            warnings.add("Creatinine clearance under " + regimen.renal().creatinineClearanceBelowMlPerMin()
                    + " mL/min: the prescribed dose every other day");
        } else if (regimen.renal() != null && query.creatinineClearanceMlPerMin() == null) {
            warnings.add("Creatinine clearance unknown: the label's interval under " + plain(regimen.renal().creatinineClearanceBelowMlPerMin())
                    + " mL/min (" + regimen.renal().interval() + ") was not checked");
        }
        Integer doseNumber = query.doseNumber() == null ? 1 : query.doseNumber();
        Integer remaining = null;
        if (regimen.maxAdditionalDoses() != null) {
            int total = 1 + regimen.maxAdditionalDoses();
            if (doseNumber > total) {
                throw ProblemException.unprocessable("doseNumber", "the label allows at most " + total + " doses of " + regimen.indication()
                        + " (" + regimen.maxAdditionalDoses() + " after the first), each at least " + plain(regimen.minHoursBetweenDoses())
                        + " hours after the previous");
            }
            remaining = total - doseNumber;
            if (doseNumber > 1) {
                warnings.add("Repeat dose " + doseNumber + ": only if no clinical improvement, at least " + plain(regimen.minHoursBetweenDoses())
                        + " hours after the previous dose");
            }
        } else if (courseDoses != null) {
            if (doseNumber > courseDoses) {
                throw ProblemException.unprocessable("doseNumber", "the course of " + regimen.indication() + " is " + courseDoses + " doses");
            }
            remaining = courseDoses - doseNumber;
        } else if (query.doseNumber() == null) {
            doseNumber = null;
        }
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
        return administration(product, regimen.indication(), regimen.route(), query.stepOrInitial(), dose, mgPerKg, weightKg, capped,
                regimen.maxDoseMg(), interval, doseNumber, regimen.maxAdditionalDoses(), remaining, regimen.minHoursBetweenDoses(),
                courseDoses, regimen.repeat(), false, regimen.authorization(), warnings, regimen.id(), regimen.source(), regimen.verified());
    }

    private DoseCalculation offLabel(DoseQuery query, Product product, String indication, String route, double weightKg) {
        PrescriberRegimen regimen = query.prescriberRegimen();
        if (regimen == null) {
            throw ProblemException.unprocessable("prescriberRegimen", "an off-label use needs the prescriber-entered regimen");
        }
        if ((regimen.doseMg() == null) == (regimen.mgPerKg() == null)) {
            throw ProblemException.badRequest("prescriberRegimen", "give exactly one of doseMg and mgPerKg");
        }
        finite(regimen.doseMg(), "prescriberRegimen.doseMg");
        finite(regimen.mgPerKg(), "prescriberRegimen.mgPerKg");
        finite(regimen.maxDoseMg(), "prescriberRegimen.maxDoseMg");
        double raw = regimen.doseMg() != null ? regimen.doseMg() : regimen.mgPerKg() * weightKg;
        if (raw <= 0 || (regimen.maxDoseMg() != null && regimen.maxDoseMg() <= 0)) {
            throw ProblemException.badRequest("prescriberRegimen", "the dose and the cap must be positive");
        }
        Regimens.Limits limits = knowledge.regimens().limits();
        if (raw > limits.doseMgMax()) {
            throw ProblemException.badRequest(regimen.doseMg() != null ? "prescriberRegimen.doseMg" : "prescriberRegimen.mgPerKg",
                    "a single dose above " + plain(limits.doseMgMax()) + " mg is not plausible (" + limits.source() + ")");
        }
        String interval = regimen.interval();
        if (interval != null && parseInterval(interval, "prescriberRegimen.interval").toDays() > limits.maxIntervalDays()) {
            throw ProblemException.badRequest("prescriberRegimen.interval", "a dose interval may not exceed " + limits.maxIntervalDays()
                    + " days (" + limits.source() + ")");
        }
        double dose = round(raw);
        boolean capped = regimen.maxDoseMg() != null && dose > regimen.maxDoseMg();
        if (capped) {
            dose = regimen.maxDoseMg();
        }
        List<String> warnings = new ArrayList<>();
        warnings.add("OFF-LABEL: no labeled dose exists for " + indication + " with " + product.id()
                + "; the prescriber-entered regimen is used and recorded as off-label");
        return administration(product, indication, route, query.stepOrInitial(), dose, regimen.mgPerKg(), weightKg, capped,
                regimen.maxDoseMg(), interval, query.doseNumber(), null, null, null, null, null, true, "OFF_LABEL", warnings,
                OFF_LABEL_RULE, "prescriber-entered regimen", false);
    }

    private DoseCalculation administration(Product product, String indication, String route, Step step, double dose, Double mgPerKg,
            double weightKg, boolean capped, Double maxDoseMg, String interval, Integer doseNumber, Integer maxAdditional,
            Integer remaining, Double minHours, Integer courseDoses, String repeat, boolean offLabel, String authorization, List<String> warnings,
            String ruleId, String source, boolean verified) {
        Regimens.Form form = knowledge.regimens().forms().stream()
                .filter(f -> f.molecule().equals(product.molecule()) && f.route().equals(route)).findFirst()
                .orElseThrow(() -> ProblemException.unprocessable("route", "no " + route + " form of " + product.molecule() + " is known"));
        Double volumeToDraw = null;
        Integer bag = null;
        Integer minutes = null;
        List<VialCount> vials = null;
        Double waste = null;
        Double syringeVolume = null;
        Integer syringes = null;
        Double volumeToInject = null;
        Boolean measurable = null;
        if ("IV".equals(route)) {
            Regimens.Infusion infusion = knowledge.regimens().infusion();
            volumeToDraw = round(dose / form.concentrationMgPerMl());
            bag = infusion.bags().stream().filter(b -> b.covers(indication, weightKg)).findFirst().map(b -> (int) b.diluentBagMl()).orElse(null);
            minutes = infusion.minutes();
            vials = VialSelector.select(dose, form.vials());
            waste = round(VialSelector.totalMg(vials) - dose);
            warnings.add(infusion.warning());
        } else {
            syringeVolume = form.unitVolumeMl();
            syringes = (int) Math.ceil(dose / form.unitDoseMg() - 1e-9);
            volumeToInject = BigDecimal.valueOf(dose * form.unitVolumeMl() / form.unitDoseMg()).setScale(2, RoundingMode.HALF_UP).doubleValue();
            if (Double.compare(dose, form.unitDoseMg() * syringes) != 0) {
                warnings.add("Give " + volumeToInject + " mL from the graduated syringe (" + form.description() + "); discard the rest");
            }
            if (form.graduations() != null) {
                measurable = measurable(dose, form, warnings);
            }
        }
        return new DoseCalculation(product.id(), product.molecule(), indication, route, step, dose, mgPerKg, Kilograms.displayed(weightKg), capped, maxDoseMg,
                interval, doseNumber, maxAdditional, remaining, minHours, courseDoses, repeat, volumeToDraw, bag, minutes, vials, waste,
                form.id(), syringeVolume, syringes, volumeToInject, measurable, offLabel, authorization, List.copyOf(warnings), ruleId, source, verified,
                knowledge.version());
    }

    /**
     * Whether the graduated syringe measures the dose: not below its smallest mark, and on a mark (per
     * syringe). When not, the warning says so and names the nearest doses that can be measured.
     */
    private boolean measurable(double dose, Regimens.Form form, List<String> warnings) {
        Regimens.Graduations marks = form.graduations();
        String unverified = marks.verified() ? "" : " (graduations not verified against the current label: " + marks.source() + ")";
        if (dose < marks.minMg()) {
            warnings.add("CANNOT BE MEASURED: " + plain(dose) + " mg is below the smallest graduation of the syringe (" + plain(marks.minMg())
                    + " mg); the prescriber must choose a measurable dose" + unverified);
            return false;
        }
        double perSyringe = dose - form.unitDoseMg() * Math.floor((dose - 1e-9) / form.unitDoseMg());
        double steps = perSyringe / marks.stepMg();
        if (Math.abs(steps - Math.rint(steps)) > 1e-6) {
            double lower = dose - (perSyringe - Math.floor(steps) * marks.stepMg());
            double higher = lower + marks.stepMg();
            warnings.add("CANNOT BE MEASURED: " + plain(dose) + " mg lies between the syringe graduations (every " + plain(marks.stepMg())
                    + " mg); the nearest measurable doses are " + plain(Math.max(lower, marks.minMg())) + " mg and " + plain(higher)
                    + " mg, for the prescriber to choose" + unverified);
            return false;
        }
        return true;
    }

    private Product product(DoseQuery query) {
        if (query.product() != null) {
            Product product = products.product(query.product().trim())
                    .orElseThrow(() -> ProblemException.badRequest("product", "unknown product; known: "
                            + products.knowledge().content().products().stream().map(Product::id).collect(Collectors.joining(", "))));
            if (query.drug() != null && !query.drug().trim().equalsIgnoreCase(product.molecule())) {
                throw ProblemException.badRequest("drug", "the drug is not the molecule of the product " + product.id());
            }
            return product;
        }
        if (query.drug() != null) {
            return products.referenceProduct(query.drug().trim())
                    .orElseThrow(() -> ProblemException.badRequest("drug", "unknown drug; known: tocilizumab, anakinra"));
        }
        throw ProblemException.badRequest("product", "product or drug is required");
    }

    private static String route(String route, Product product) {
        String value = required(route, "route").toUpperCase(Locale.ROOT);
        if (!ROUTES.contains(value)) {
            throw ProblemException.badRequest("route", "route must be IV or SC");
        }
        if (!product.routes().contains(value)) {
            throw ProblemException.unprocessable("route", product.id() + " has no " + value + " form (routes: "
                    + String.join(", ", product.routes()) + ")");
        }
        return value;
    }

    private double weight(Double weightKg) {
        if (weightKg == null) {
            throw ProblemException.badRequest("weight", "body weight is required");
        }
        Regimens.Limits limits = knowledge.regimens().limits();
        if (weightKg.isNaN() || weightKg <= 0) {
            throw ProblemException.badRequest("weight.value", "body weight must be positive");
        }
        if (weightKg < limits.weightKgMin() || weightKg > limits.weightKgMax()) {
            throw ProblemException.badRequest("weight.value", "body weight must lie between " + limits.weightKgMin() + " kg and "
                    + limits.weightKgMax() + " kg");
        }
        return weightKg;
    }

    private double age(Double ageYears) {
        if (ageYears == null) {
            throw ProblemException.badRequest("ageYears", "age in years is required");
        }
        double max = knowledge.regimens().limits().ageYearsMax();
        if (ageYears.isNaN() || ageYears < 0 || ageYears > max) {
            throw ProblemException.badRequest("ageYears", "age must lie between 0 and " + plain(max) + " years");
        }
        return ageYears;
    }

    /** NaN and infinities pass every comparison unnoticed: refused before any arithmetic. */
    private static void finite(Double value, String field) {
        if (value != null && !Double.isFinite(value)) {
            throw ProblemException.badRequest(field, "must be a finite number");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, field + " is required");
        }
        return value.trim();
    }

    private double round(double value) {
        double step = knowledge.regimens().limits().doseRoundingMg();
        int scale = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }

    /** An ISO-8601 interval as a duration (P1W, P2W, P1D, PT8H). */
    public static Duration parseInterval(String interval, String field) {
        Duration duration;
        try {
            if (interval.contains("T")) {
                duration = Duration.parse(interval);
            } else {
                Period period = Period.parse(interval);
                if (period.toTotalMonths() != 0) {
                    throw ProblemException.badRequest(field, "use weeks, days or hours, not months");
                }
                duration = Duration.ofDays(period.getDays());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ProblemException.badRequest(field, "not an ISO-8601 duration such as P1W, P2W, P1D or PT8H");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw ProblemException.badRequest(field, "must be a positive duration");
        }
        return duration;
    }

    private static String plain(Double value) {
        return value == null ? "" : value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
    }
}
