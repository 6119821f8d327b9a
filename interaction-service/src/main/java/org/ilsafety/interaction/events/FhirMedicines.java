package org.ilsafety.interaction.events;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.fhir.EarlierResources;
import org.ilsafety.common.fhir.MedicineReader;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.interaction.knowledge.CodeFormats;

/**
 * Reads what the check needs from FHIR R4 resources: a medicine's name, RxNorm and ATC codes; a
 * vaccination's CVX code, name and date; whether the resource is current. Shared by the patient-events
 * consumer and CDS Hooks.
 */
public final class FhirMedicines {
    private static final Set<String> INACTIVE_STATEMENT = Set.of("completed", "entered-in-error", "stopped", "not-taken");
    private static final Set<String> INACTIVE_REQUEST = Set.of("completed", "entered-in-error", "stopped", "cancelled", "revoked");
    private static final Set<String> INACTIVE_IMMUNIZATION = Set.of("entered-in-error", "not-done");

    private FhirMedicines() {
    }

    /** A medicine as the checker takes it; all fields may be null. */
    public record Medicine(String name, String rxnorm, String atc) {
        public boolean isEmpty() {
            return name == null && rxnorm == null && atc == null;
        }
    }

    /**
     * The medicine of a MedicationRequest, MedicationStatement, MedicationAdministration or MedicationDispense, read
     * by the common reader (codeable concept, contained or earlier Medication, reference display).
     */
    public static Medicine of(DomainResource owner, EarlierResources earlier) {
        return of(MedicineReader.read(owner, earlier).concept());
    }

    public static Medicine of(CodeableConcept concept) {
        String rxnorm = null;
        String atc = null;
        String display = null;
        for (Coding coding : concept.getCoding()) {
            if (rxnorm == null && ProductCatalog.RXNORM.equals(coding.getSystem()) && CodeFormats.isRxnorm(coding.getCode())) {
                rxnorm = coding.getCode().trim();
            } else if (atc == null && ProductCatalog.ATC.equals(coding.getSystem()) && CodeFormats.isAtc(coding.getCode())) {
                atc = CodeFormats.atcKey(coding.getCode());
            }
            if (display == null && coding.hasDisplay()) {
                display = coding.getDisplay();
            }
        }
        return new Medicine(concept.hasText() ? concept.getText() : display, rxnorm, atc);
    }

    public static boolean isCurrent(MedicationStatement statement) {
        return statement.getStatus() == null || !INACTIVE_STATEMENT.contains(statement.getStatus().toCode());
    }

    public static boolean isCurrent(MedicationRequest request) {
        return request.getStatus() == null || !INACTIVE_REQUEST.contains(request.getStatus().toCode());
    }

    public static boolean isCurrent(Immunization immunization) {
        return immunization.getStatus() == null || !INACTIVE_IMMUNIZATION.contains(immunization.getStatus().toCode());
    }

    public static String cvx(Immunization immunization) {
        for (Coding coding : immunization.getVaccineCode().getCoding()) {
            if (CodeFormats.CVX_SYSTEM.equals(coding.getSystem()) && coding.hasCode()) {
                return coding.getCode().trim();
            }
        }
        return null;
    }

    public static String vaccineName(Immunization immunization) {
        CodeableConcept code = immunization.getVaccineCode();
        if (code.hasText()) {
            return code.getText();
        }
        return code.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst().orElse(null);
    }

    /** The day given (occurrenceDateTime), in the hospital's zone; null when the resource has none. */
    public static LocalDate date(Immunization immunization, ZoneId zone) {
        if (immunization.hasOccurrenceDateTimeType() && immunization.getOccurrenceDateTimeType().getValue() != null) {
            return LocalDate.ofInstant(immunization.getOccurrenceDateTimeType().getValue().toInstant(), zone);
        }
        return null;
    }

    public static String ref(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
