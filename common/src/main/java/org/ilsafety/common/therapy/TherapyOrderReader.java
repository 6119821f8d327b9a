package org.ilsafety.common.therapy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.knowledge.Knowledge;
import org.ilsafety.common.knowledge.KnowledgeLoader;
import org.ilsafety.common.knowledge.ProductCatalog;

/** Reads a {@link TherapyOrder} from a MedicationRequest, when it orders a product the suite knows. */
@ApplicationScoped
public class TherapyOrderReader {
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    /** SNOMED CT route codes: intravenous, subcutaneous. */
    private static final String SNOMED_IV = "47625008";
    private static final String SNOMED_SC = "34206005";
    private static final Set<String> INACTIVE = Set.of("stopped", "cancelled", "completed", "entered-in-error", "revoked");

    private final ProductCatalog products;
    private final Knowledge<Indications> indications;

    public TherapyOrderReader(ProductCatalog products, @ConfigProperty(name = "suite.knowledge.dir") Optional<String> directory) {
        this.products = products;
        this.indications = KnowledgeLoader.load(directory, "indications.yaml", Indications.class);
    }

    public Optional<TherapyOrder> read(MedicationRequest request) {
        if (!request.hasMedicationCodeableConcept()) {
            return Optional.empty();
        }
        return products.recognise(request.getMedicationCodeableConcept()).map(product -> new TherapyOrder(
                PatientEventParser.patientOf(request).orElse(null),
                request.getIdElement().getIdPart(),
                product.id(),
                product.molecule(),
                route(request.getDosageInstruction()),
                indication(request.getReasonCode()),
                request.getStatus() == null || !INACTIVE.contains(request.getStatus().toCode()),
                request.getStatus() == null ? null : request.getStatus().toCode(),
                request.hasAuthoredOn() ? request.getAuthoredOn().toInstant() : null));
    }

    static String route(List<Dosage> dosages) {
        for (Dosage dosage : dosages) {
            if (!dosage.hasRoute()) {
                continue;
            }
            for (Coding coding : dosage.getRoute().getCoding()) {
                if (SNOMED_IV.equals(coding.getCode())) {
                    return "IV";
                }
                if (SNOMED_SC.equals(coding.getCode())) {
                    return "SC";
                }
            }
            String text = dosage.getRoute().getText() == null ? "" : dosage.getRoute().getText().toLowerCase(Locale.ROOT);
            if (text.contains("intravenous") || text.equals("iv")) {
                return "IV";
            }
            if (text.contains("subcutaneous") || text.equals("sc")) {
                return "SC";
            }
        }
        return null;
    }

    String indication(List<CodeableConcept> reasons) {
        for (CodeableConcept reason : reasons) {
            for (Coding coding : reason.getCoding()) {
                Optional<String> match = indicationOf(coding);
                if (match.isPresent()) {
                    return match.get();
                }
            }
        }
        return null;
    }

    private Optional<String> indicationOf(Coding coding) {
        if (coding.getCode() == null) {
            return Optional.empty();
        }
        Indications content = indications.content();
        if (ICD10.equals(coding.getSystem()) && content.offLabelOrEmpty().stream()
                .anyMatch(o -> coding.getCode().toUpperCase(Locale.ROOT).startsWith(o.icd10()))) {
            return Optional.of(content.offLabelIndication());
        }
        for (Indication indication : indications.content().indications()) {
            boolean suiteCode = indications.content().suiteCodeSystem().equals(coding.getSystem())
                    && indication.id().equalsIgnoreCase(coding.getCode());
            boolean icd10 = ICD10.equals(coding.getSystem())
                    && indication.icd10().stream().anyMatch(prefix -> coding.getCode().toUpperCase(Locale.ROOT).startsWith(prefix));
            if (suiteCode || icd10) {
                return Optional.of(indication.id());
            }
        }
        return Optional.empty();
    }

    public Knowledge<Indications> indications() {
        return indications;
    }

    /** offLabel: ICD-10-CM codes that are not labeled indications (checked before the labeled prefixes); see indications.yaml. */
    public record Indications(String knowledgeVersion, String suiteCodeSystem, List<Indication> indications, String offLabelIndication,
            List<OffLabelCode> offLabel) {
        public List<OffLabelCode> offLabelOrEmpty() {
            return offLabel == null ? List.of() : offLabel;
        }
    }

    public record OffLabelCode(String icd10, String display, String note, String source, boolean verified) {
    }

    public record Indication(String id, String display, String population, List<String> icd10, String source, boolean verified) {
    }
}
