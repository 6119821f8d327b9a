package org.ilsafety.dosing.calculation;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.knowledge.ProductCatalog.Product;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.Regimen;
import org.ilsafety.dosing.weight.Kilograms;

/**
 * Regimen selection: the product and route a query names, and the one labeled regimen row for its indication,
 * route, age, weight and step. Refuses, naming the field and the reason, every combination the label does not have.
 */
public class RegimenSelector {
    private static final Set<String> ROUTES = Set.of("IV", "SC");

    private final DosingKnowledge knowledge;
    private final ProductCatalog products;

    public RegimenSelector(DosingKnowledge knowledge, ProductCatalog products) {
        this.knowledge = knowledge;
        this.products = products;
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

    /** The product a query names, or the reference product of the drug it names. */
    Product product(DoseQuery query) {
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

    static String route(String route, Product product) {
        String value = DoseInputs.required(route, "route").toUpperCase(Locale.ROOT);
        if (!ROUTES.contains(value)) {
            throw ProblemException.badRequest("route", "route must be IV or SC");
        }
        if (!product.routes().contains(value)) {
            throw ProblemException.unprocessable("route", product.id() + " has no " + value + " form (routes: "
                    + String.join(", ", product.routes()) + ")");
        }
        return value;
    }
}
