package org.ilsafety.interaction.events;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.ilsafety.common.fhir.MedicineReader;
import org.ilsafety.common.fhir.ReceivedResources;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.interaction.patient.PatientRecords;

/** MedicationStatements, MedicationAdministrations and MedicationDispenses: the patient's other medicines. */
@ApplicationScoped
public class MedicationReports {
    private final PatientRecords records;
    private final ProductCatalog products;
    private final ReceivedResources received;

    public MedicationReports(PatientRecords records, ProductCatalog products, ReceivedResources received) {
        this.records = records;
        this.products = products;
        this.received = received;
    }

    boolean apply(String patientId, MedicationStatement statement) {
        FhirMedicines.Medicine medicine = FhirMedicines.of(statement, received);
        String status = statement.getStatus() == null ? null : statement.getStatus().toCode();
        records.recordMedication(patientId, FhirMedicines.ref(statement), medicine.name(), medicine.rxnorm(), medicine.atc(), status,
                FhirMedicines.isCurrent(statement));
        return true;
    }

    /**
     * A medicine given or dispensed: another medicine of the patient, current while in progress or completed. The
     * suite's own products are the therapy, which orders and dosing-service's plan events keep: not a medicine here.
     */
    boolean applyGiven(String patientId, DomainResource given) {
        if (MedicineReader.recognise(given, received, products).isPresent()) {
            InputOutcome.ignore(IgnoredReasons.NOTHING_USED);
            return false;
        }
        FhirMedicines.Medicine medicine = FhirMedicines.of(given, received);
        String status = given instanceof MedicationAdministration a ? (a.getStatus() == null ? null : a.getStatus().toCode())
                : ((MedicationDispense) given).getStatus() == null ? null : ((MedicationDispense) given).getStatus().toCode();
        boolean current = status == null || Set.of("completed", "in-progress", "preparation").contains(status);
        records.recordMedication(patientId, FhirMedicines.ref(given), medicine.name(), medicine.rxnorm(), medicine.atc(), status, current);
        return true;
    }

}
