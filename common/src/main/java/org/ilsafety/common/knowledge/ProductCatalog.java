package org.ilsafety.common.knowledge;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The interleukin-blocking products and molecules the suite knows ({@code seeds/knowledge/products.yaml}),
 * and recognition of a medication as one of them by RxNorm, ATC, brand or generic name.
 */
@ApplicationScoped
public class ProductCatalog {
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String ATC = "http://www.whocc.no/atc";

    private final Knowledge<Products> knowledge;
    private final Map<String, Product> byName = new HashMap<>();

    @Inject
    public ProductCatalog(@ConfigProperty(name = "suite.knowledge.dir") Optional<String> directory) {
        this(KnowledgeLoader.load(directory, "products.yaml", Products.class));
    }

    ProductCatalog(Knowledge<Products> knowledge) {
        this.knowledge = knowledge;
        for (Product product : knowledge.content().products()) {
            product.names().forEach(name -> byName.putIfAbsent(normalize(name), product));
        }
    }

    public Knowledge<Products> knowledge() {
        return knowledge;
    }

    public Optional<Product> product(String id) {
        return knowledge.content().products().stream().filter(p -> p.id().equalsIgnoreCase(id)).findFirst();
    }

    public Optional<Molecule> molecule(String id) {
        return knowledge.content().molecules().stream().filter(m -> m.id().equalsIgnoreCase(id)).findFirst();
    }

    /** The reference product of a molecule (Actemra for tocilizumab, Kineret for anakinra). */
    public Optional<Product> referenceProduct(String moleculeId) {
        return knowledge.content().products().stream().filter(p -> p.molecule().equalsIgnoreCase(moleculeId) && p.reference())
                .findFirst();
    }

    /**
     * Recognises a medication: a brand or biosimilar name gives that product; a molecule code or name
     * gives the molecule's reference product.
     */
    public Optional<Product> recognise(CodeableConcept medication) {
        if (medication == null) {
            return Optional.empty();
        }
        for (Coding coding : medication.getCoding()) {
            Optional<Product> byCode = byCode(coding.getSystem(), coding.getCode());
            if (byCode.isPresent()) {
                return byCode;
            }
            Optional<Product> byDisplay = byName(coding.getDisplay());
            if (byDisplay.isPresent()) {
                return byDisplay;
            }
        }
        return byName(medication.getText());
    }

    public Optional<Product> byName(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String normalized = normalize(text);
        Product exact = byName.get(normalized);
        if (exact != null) {
            return Optional.of(exact);
        }
        // "Actemra 200 mg/10 mL vial": the first word that names a product decides.
        for (String word : normalized.split(" ")) {
            Product product = byName.get(word);
            if (product != null) {
                return Optional.of(product);
            }
        }
        return Optional.empty();
    }

    private Optional<Product> byCode(String system, String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Molecule molecule : knowledge.content().molecules()) {
            boolean rxnorm = RXNORM.equals(system) && code.equals(molecule.rxnorm().code());
            boolean atc = ATC.equals(system) && code.equalsIgnoreCase(molecule.atc());
            if (rxnorm || atc) {
                return referenceProduct(molecule.id());
            }
        }
        return Optional.empty();
    }

    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", " ").trim();
    }

    public record Products(String knowledgeVersion, List<Molecule> molecules, List<Product> products) {
    }

    public record Molecule(String id, String displayName, String mechanism, String atc, Code rxnorm, int exposureWindowDays,
            String exposureWindowSource, boolean exposureWindowVerified, String source) {
    }

    public record Code(String code, boolean verified) {
    }

    public record Product(String id, String molecule, List<String> names, boolean reference, List<String> routes,
            List<String> indications, String source, boolean verified) {
    }
}
