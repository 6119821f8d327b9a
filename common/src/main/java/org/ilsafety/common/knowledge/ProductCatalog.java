package org.ilsafety.common.knowledge;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ilsafety.common.config.SuiteConfig;
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
    public static final String NDC = "http://hl7.org/fhir/sid/ndc";

    private final Knowledge<Products> knowledge;
    private final Map<String, Product> byName = new HashMap<>();

    @Inject
    public ProductCatalog(SuiteConfig config) {
        this(config.knowledge().dir());
    }

    public ProductCatalog(Optional<String> directory) {
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
        return recognition(medication).map(Recognition::product);
    }

    /**
     * How a medicine was recognised: {@code matchedBy} is {@code code} (RxNorm, NDC, ATC) or {@code name}; {@code route}
     * is the route the matched product code's dose form implies (IV for the infusion concentrate, SC for a prefilled
     * syringe or pen), null for an ingredient, ATC or name match.
     */
    public record Recognition(Product product, String matchedBy, String codeKind, String route) {
    }

    /** Every coding's code first (product codes, then molecule codes), then displays and text by name. */
    public Optional<Recognition> recognition(CodeableConcept medication) {
        if (medication == null) {
            return Optional.empty();
        }
        for (Coding coding : medication.getCoding()) {
            Optional<Recognition> byCode = byCode(coding.getSystem(), coding.getCode());
            if (byCode.isPresent()) {
                return byCode;
            }
        }
        for (Coding coding : medication.getCoding()) {
            Optional<Product> byDisplay = byName(coding.getDisplay());
            if (byDisplay.isPresent()) {
                return Optional.of(new Recognition(byDisplay.get(), "name", null, null));
            }
        }
        return byName(medication.getText()).map(product -> new Recognition(product, "name", null, null));
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

    private Optional<Recognition> byCode(String system, String code) {
        if (code == null || system == null) {
            return Optional.empty();
        }
        String trimmed = code.trim();
        for (Product product : knowledge.content().products()) {
            for (ProductCode known : product.codes() == null ? List.<ProductCode>of() : product.codes()) {
                boolean rxnorm = RXNORM.equals(system) && "RXNORM".equals(known.system()) && trimmed.equals(known.code());
                boolean ndc = NDC.equals(system) && "NDC".equals(known.system()) && ndc11(trimmed).equals(ndc11(known.code()));
                if (rxnorm || ndc) {
                    return Optional.of(new Recognition(product, "code", known.kind(), known.route()));
                }
            }
        }
        for (Molecule molecule : knowledge.content().molecules()) {
            boolean rxnorm = RXNORM.equals(system) && trimmed.equals(molecule.rxnorm().code());
            boolean atc = ATC.equals(system) && trimmed.equalsIgnoreCase(molecule.atc());
            if (rxnorm || atc) {
                return referenceProduct(molecule.id()).map(product -> new Recognition(product, "code", rxnorm ? "IN" : "ATC", null));
            }
        }
        return Optional.empty();
    }

    /** An NDC as 11 digits (5-4-2): hyphenated 4-4-2, 5-3-2 and 5-4-1 forms are padded; unhyphenated codes are taken as given. */
    static String ndc11(String ndc) {
        String[] parts = ndc.split("-");
        if (parts.length == 3) {
            return pad(parts[0], 5) + pad(parts[1], 4) + pad(parts[2], 2);
        }
        return ndc.replaceAll("[^0-9]", "");
    }

    private static String pad(String digits, int length) {
        String clean = digits.replaceAll("[^0-9]", "");
        return "0".repeat(Math.max(0, length - clean.length())) + clean;
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
            List<String> indications, List<ProductCode> codes, String source, boolean verified) {
    }

    /**
     * A product's code: system RXNORM (kind SCD, SBD, BPCK, GPCK) or NDC; each with its source; {@code route} (IV or SC)
     * when the code's dose form has only one route.
     */
    public record ProductCode(String system, String kind, String code, String display, String route, String source, boolean verified) {
    }
}
