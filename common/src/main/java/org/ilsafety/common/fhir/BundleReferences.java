package org.ilsafety.common.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves an entry's references to a Medication or Condition in the same Bundle ({@code urn:uuid:},
 * {@code Medication/1}, an absolute URL) by copying the target into the entry's {@code contained} and
 * pointing the reference at it ({@code #id}): every reader downstream then needs only contained resources
 * and those sent earlier.
 */
final class BundleReferences {
    private BundleReferences() {
    }

    static void inline(DomainResource owner, Map<String, Resource> byReference) {
        for (Reference reference : references(owner)) {
            if (!reference.hasReference() || reference.getReference().startsWith("#")) {
                continue;
            }
            Resource target = find(reference.getReference(), byReference);
            if (target == null || target == owner) {
                continue;
            }
            String localId = target.fhirType().toLowerCase() + "-" + target.getIdElement().getIdPart();
            boolean present = owner.getContained().stream().anyMatch(c -> localId.equals(c.getIdElement().getIdPart()));
            if (!present) {
                Resource copy = target.copy();
                copy.setId(localId);
                owner.addContained(copy);
            }
            reference.setReference("#" + localId);
        }
    }

    private static Resource find(String reference, Map<String, Resource> byReference) {
        Resource direct = byReference.get(reference);
        if (direct != null) {
            return direct;
        }
        String[] parts = reference.replaceFirst("/_history/[^/]*$", "").split("/");
        return parts.length >= 2 ? byReference.get(parts[parts.length - 2] + "/" + parts[parts.length - 1]) : null;
    }

    private static List<Reference> references(DomainResource owner) {
        List<Reference> references = new ArrayList<>();
        if (owner instanceof MedicationRequest request) {
            if (request.hasMedicationReference()) {
                references.add(request.getMedicationReference());
            }
            references.addAll(request.getReasonReference());
        } else if (owner instanceof MedicationStatement statement) {
            if (statement.hasMedicationReference()) {
                references.add(statement.getMedicationReference());
            }
            references.addAll(statement.getReasonReference());
        } else if (owner instanceof MedicationAdministration administration) {
            if (administration.hasMedicationReference()) {
                references.add(administration.getMedicationReference());
            }
            references.addAll(administration.getReasonReference());
        } else if (owner instanceof MedicationDispense dispense && dispense.hasMedicationReference()) {
            references.add(dispense.getMedicationReference());
        }
        return references;
    }
}
