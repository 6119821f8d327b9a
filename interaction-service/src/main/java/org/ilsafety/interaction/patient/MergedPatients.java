package org.ilsafety.interaction.patient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.common.therapy.ActiveTherapies;

/**
 * A patient merge (Patient.link replaced-by / replaces, HL7 v2 ADT^A40) in interaction: the merged-away patient's
 * medicines, vaccinations, Conditions and allergies, kept resources and findings move to the survivor (a record the
 * survivor already has from the same source stays under the old id), its therapy too when the survivor has none or a
 * stopped one. When both records had a current therapy of different products, the merged-away one becomes a medicine
 * of the survivor, so the re-check reports the duplicate IL-6/IL-1 therapy or biologic combination as a finding; the
 * therapy row stays under the old id. Then both ids are checked again: the survivor with everything it now has (a TNF
 * blocker under one id and tocilizumab under the other meet here), the old id closing what moved away.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MergedPatients {
    private final EntityManager entityManager;
    private final PatientMerges merges;
    private final ActiveTherapies therapies;
    private final PatientRecords records;
    private final PatientChecks checks;
    private final ProductCatalog products;

    public MergedPatients(EntityManager entityManager, PatientMerges merges, ActiveTherapies therapies, PatientRecords records,
            PatientChecks checks, ProductCatalog products) {
        this.entityManager = entityManager;
        this.merges = merges;
        this.therapies = therapies;
        this.records = records;
        this.checks = checks;
        this.products = products;
    }

    public void move(String mergedId, String survivingId) {
        entityManager.flush();
        ActiveTherapies.AtMerge atMerge = therapies.merge(mergedId, survivingId);
        merges.moveRows("patient_medication", mergedId, survivingId, "resource_ref");
        merges.moveRows("patient_immunization", mergedId, survivingId, "resource_ref");
        merges.moveRows("patient_condition", mergedId, survivingId, "resource_ref");
        merges.moveRows("interaction_finding", mergedId, survivingId, "finding_key");
        merges.moveRows("received_resource", mergedId, survivingId);
        // The rows moved under the entities this transaction holds: read everything again from here on.
        entityManager.clear();
        if (atMerge.bothCurrent() && !atMerge.surviving().productId.equals(atMerge.mergedAway().productId)) {
            products.product(atMerge.mergedAway().productId).ifPresent(product -> records.recordMedication(survivingId,
                    "ActiveTherapy/" + mergedId, product.names().get(0), null, null, atMerge.mergedAway().status.name().toLowerCase(java.util.Locale.ROOT), true));
        }
        checks.recheck(survivingId);
        checks.recheck(mergedId);
    }
}
