package org.ilsafety.common.fhir;

import java.util.Optional;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.knowledge.ProductCatalog;

/**
 * The one reader of "which medicine" for MedicationRequest, MedicationStatement, MedicationAdministration
 * and MedicationDispense: {@code medicationCodeableConcept}; else {@code medicationReference} to a contained
 * Medication (a Bundle's Medication is contained by then, see {@link PatientEventParser}) or to one sent
 * earlier (kept by id); else the reference's display as text. Then recognition by code (RxNorm, NDC, ATC)
 * or by name ({@link ProductCatalog#recognition}).
 */
public final class MedicineReader {
    private MedicineReader() {
    }

    /** The medicine's concept (possibly empty, never null) and where it came from. */
    public record Medicine(CodeableConcept concept, String from) {
        public boolean isEmpty() {
            return concept.isEmpty();
        }
    }

    public static Medicine read(DomainResource owner, EarlierResources earlier) {
        if (owner instanceof MedicationRequest r) {
            return r.hasMedicationCodeableConcept() ? coded(r.getMedicationCodeableConcept())
                    : referenced(owner, r.hasMedicationReference() ? r.getMedicationReference() : null, earlier);
        } else if (owner instanceof MedicationStatement s) {
            return s.hasMedicationCodeableConcept() ? coded(s.getMedicationCodeableConcept())
                    : referenced(owner, s.hasMedicationReference() ? s.getMedicationReference() : null, earlier);
        } else if (owner instanceof MedicationAdministration a) {
            return a.hasMedicationCodeableConcept() ? coded(a.getMedicationCodeableConcept())
                    : referenced(owner, a.hasMedicationReference() ? a.getMedicationReference() : null, earlier);
        } else if (owner instanceof MedicationDispense d) {
            return d.hasMedicationCodeableConcept() ? coded(d.getMedicationCodeableConcept())
                    : referenced(owner, d.hasMedicationReference() ? d.getMedicationReference() : null, earlier);
        }
        return new Medicine(new CodeableConcept(), null);
    }

    public static Optional<ProductCatalog.Recognition> recognise(DomainResource owner, EarlierResources earlier, ProductCatalog products) {
        return products.recognition(read(owner, earlier).concept());
    }

    private static Medicine coded(CodeableConcept concept) {
        return new Medicine(concept, "medicationCodeableConcept");
    }

    private static Medicine referenced(DomainResource owner, Reference reference, EarlierResources earlier) {
        if (reference == null || reference.isEmpty()) {
            return new Medicine(new CodeableConcept(), null);
        }
        Optional<Resource> target = References.resolve(owner, reference, "Medication", earlier);
        if (target.isPresent() && target.get() instanceof Medication medication && medication.hasCode()) {
            return new Medicine(medication.getCode(), reference.getReference().startsWith("#") ? "contained Medication" : "earlier Medication");
        }
        return new Medicine(reference.hasDisplay() ? new CodeableConcept().setText(reference.getDisplay()) : new CodeableConcept(),
                "medicationReference.display");
    }
}
