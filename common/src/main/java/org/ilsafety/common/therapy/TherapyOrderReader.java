package org.ilsafety.common.therapy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.config.SuiteConfig;
import org.ilsafety.common.fhir.EarlierResources;
import org.ilsafety.common.fhir.MedicineReader;
import org.ilsafety.common.fhir.References;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.knowledge.Knowledge;
import org.ilsafety.common.knowledge.KnowledgeLoader;
import org.ilsafety.common.knowledge.ProductCatalog;

/**
 * Reads a {@link TherapyOrder} from a MedicationRequest, when it orders a product the suite knows: the
 * medicine through {@link MedicineReader}, the indication from reasonCode, reasonReference or the patient's
 * active Conditions (flagged INFERRED), else UNKNOWN.
 */
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
    private final EarlierResources earlier;

    @Inject
    public TherapyOrderReader(ProductCatalog products, SuiteConfig config, EarlierResources earlier) {
        this(products, config.knowledge().dir(), earlier);
    }

    public TherapyOrderReader(ProductCatalog products, Optional<String> directory, EarlierResources earlier) {
        this.products = products;
        this.indications = KnowledgeLoader.load(directory, "indications.yaml", Indications.class);
        this.earlier = earlier;
    }

    /** The order, when the request's medicine (code, contained or earlier Medication, name) is a product the suite knows. */
    public Optional<TherapyOrder> read(MedicationRequest request) {
        String patientId = PatientEventParser.patientOf(request).orElse(null);
        return MedicineReader.recognise(request, earlier, products).map(recognition -> {
            IndicationFinding indication = indication(request, patientId);
            return new TherapyOrder(patientId, request.getIdElement().getIdPart(), recognition.product().id(),
                    recognition.product().molecule(), route(request.getDosageInstruction(), recognition), indication.indication(),
                    request.getStatus() == null || !INACTIVE.contains(request.getStatus().toCode()),
                    request.getStatus() == null ? null : request.getStatus().toCode(),
                    request.hasAuthoredOn() ? request.getAuthoredOn().toInstant() : null, indication.basis(), recognition.matchedBy());
        });
    }

    /** An indication and how it was found: CODED (reasonCode), REFERENCE (reasonReference), INFERRED (active Conditions), UNKNOWN. */
    public record IndicationFinding(String indication, String basis) {
    }

    /**
     * reasonCode (suite system, ICD-10-CM, SNOMED CT); else reasonReference to a Condition (contained, or
     * sent earlier); else the patient's active Conditions when they map to exactly one labeled indication of
     * the ordered molecule (INFERRED); else UNKNOWN.
     */
    public IndicationFinding indication(MedicationRequest request, String patientId) {
        String coded = indication(request.getReasonCode());
        if (coded != null) {
            return new IndicationFinding(coded, "CODED");
        }
        for (Reference reason : request.getReasonReference()) {
            Optional<Resource> condition = References.resolve(request, reason, "Condition", earlier);
            if (condition.isPresent() && condition.get() instanceof Condition c) {
                String referenced = indication(List.of(c.getCode()));
                if (referenced != null) {
                    return new IndicationFinding(referenced, "REFERENCE");
                }
            }
        }
        if (patientId != null) {
            Set<String> active = new TreeSet<>();
            for (Condition condition : earlier.conditions(patientId)) {
                if (isActive(condition)) {
                    String mapped = indication(List.of(condition.getCode()));
                    if (mapped != null) {
                        active.add(mapped);
                    }
                }
            }
            if (active.size() == 1) {
                return new IndicationFinding(active.iterator().next(), "INFERRED");
            }
        }
        return new IndicationFinding(null, "UNKNOWN");
    }

    static boolean isActive(Condition condition) {
        String clinical = condition.hasClinicalStatus() && condition.getClinicalStatus().hasCoding()
                ? condition.getClinicalStatus().getCodingFirstRep().getCode() : "active";
        String verification = condition.hasVerificationStatus() && condition.getVerificationStatus().hasCoding()
                ? condition.getVerificationStatus().getCodingFirstRep().getCode() : "confirmed";
        return Set.of("active", "recurrence", "relapse").contains(clinical) && !Set.of("entered-in-error", "refuted").contains(verification);
    }

    /**
     * The route the order names (dosageInstruction.route); else the route its product code's dose form implies (an
     * EHR export without a route, such as Synthea's: a prefilled syringe is SC, the 20 mg/mL concentrate IV); else null.
     */
    static String route(List<Dosage> dosages, ProductCatalog.Recognition recognition) {
        String named = route(dosages);
        return named != null ? named : recognition.route();
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
            boolean snomed = SNOMED.equals(coding.getSystem()) && indication.snomed() != null
                    && indication.snomed().stream().anyMatch(concept -> concept.code().equals(coding.getCode().trim()));
            if (suiteCode || icd10 || snomed) {
                return Optional.of(indication.id());
            }
        }
        return Optional.empty();
    }

    public Knowledge<Indications> indications() {
        return indications;
    }

    /** offLabel: ICD-10-CM codes that are not labeled indications (checked before the labeled prefixes); see indications.yaml. */
    public record Indications(String knowledgeVersion, String suiteCodeSystem, String snomedValueSetSource, boolean snomedVerified,
            List<Indication> indications, String offLabelIndication, List<OffLabelCode> offLabel) {
        public List<OffLabelCode> offLabelOrEmpty() {
            return offLabel == null ? List.of() : offLabel;
        }
    }

    public record OffLabelCode(String icd10, String display, String note, String source, boolean verified) {
    }

    public record Indication(String id, String display, String population, List<String> icd10, List<Concept> snomed, String source,
            boolean verified) {
    }

    /** A SNOMED CT concept of an indication's value set. */
    public record Concept(String code, String display) {
    }
}
