package org.ilsafety.interaction.events;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.MedicationRequest;
import org.ilsafety.common.fhir.ReceivedResources;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.common.therapy.TherapyOrder;
import org.ilsafety.common.therapy.TherapyOrderReader;
import org.ilsafety.interaction.patient.PatientMedication;
import org.ilsafety.interaction.patient.PatientRecords;

/**
 * MedicationRequests: an order for an interleukin-blocking product is the therapy (recorded in {@code active_therapy}),
 * except a second product while another one is current, which is kept as a medicine of the patient (a duplicate
 * therapy or a biologic combination for the checker), and promoted to the therapy when the first product's order
 * stops. Any other order is a medicine of the patient.
 */
@ApplicationScoped
public class MedicationOrders {
    private final TherapyOrderReader orders;
    private final ActiveTherapies therapies;
    private final PatientRecords records;
    private final ProductCatalog products;
    private final ReceivedResources received;

    public MedicationOrders(TherapyOrderReader orders, ActiveTherapies therapies, PatientRecords records, ProductCatalog products,
            ReceivedResources received) {
        this.orders = orders;
        this.therapies = therapies;
        this.records = records;
        this.products = products;
        this.received = received;
    }

    /** True when the patient's records changed. */
    boolean apply(String patientId, MedicationRequest request) {
        String ref = FhirMedicines.ref(request);
        String status = request.getStatus() == null ? null : request.getStatus().toCode();
        Optional<TherapyOrder> order = orders.read(request);
        if (order.isPresent()) {
            ActiveTherapy current = therapies.find(patientId).orElse(null);
            boolean otherProductCurrent = current != null && current.isCurrent() && !current.productId.equals(order.get().productId());
            if (otherProductCurrent) {
                // A second product while one is current: not the therapy, a medicine to check against it.
                FhirMedicines.Medicine medicine = FhirMedicines.of(request, received);
                records.recordMedication(patientId, ref, medicine.name(), medicine.rxnorm(), medicine.atc(), status, order.get().active());
                return true;
            }
            if (therapies.ignoredAsNotCurrent(order.get())) {
                return false;
            }
            records.deactivateMedication(patientId, ref, status);
            therapies.recordOrder(order.get());
            if (!order.get().active()) {
                promoteSecondProduct(patientId);
            }
            return true;
        }
        FhirMedicines.Medicine medicine = FhirMedicines.of(request, received);
        records.recordMedication(patientId, ref, medicine.name(), medicine.rxnorm(), medicine.atc(), status, FhirMedicines.isCurrent(request));
        return true;
    }

    /**
     * The therapy's order stopped while an order for a second product is still active (Actemra stopped,
     * Tyenne continues): that order becomes the therapy, and stops being a medicine checked against it.
     */
    private void promoteSecondProduct(String patientId) {
        for (PatientMedication medication : records.activeMedications(patientId)) {
            if (!medication.resourceRef.startsWith("MedicationRequest/")) {
                continue;
            }
            Optional<ProductCatalog.Product> product = products.byName(medication.name);
            if (product.isPresent()) {
                String requestId = medication.resourceRef.substring("MedicationRequest/".length());
                therapies.recordOrder(new TherapyOrder(patientId, requestId, product.get().id(), product.get().molecule(), null, null, true,
                        medication.fhirStatus, Instant.now()));
                records.deactivateMedication(patientId, medication.resourceRef, medication.fhirStatus);
                return;
            }
        }
    }

}
