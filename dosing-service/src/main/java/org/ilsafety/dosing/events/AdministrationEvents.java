package org.ilsafety.dosing.events;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Quantity;
import org.ilsafety.common.fhir.MedicineReader;
import org.ilsafety.common.fhir.ReceivedResources;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.dosing.plan.PlanAdministrations;

/**
 * MedicationAdministration from patient-events: a dose given (its time, its amount in mg or why the amount is not used,
 * its route by SNOMED code), recorded once per resource id ({@link PlanAdministrations}).
 */
@ApplicationScoped
public class AdministrationEvents {
    private static final String SNOMED_IV = "47625008";
    private static final String SNOMED_SC = "34206005";

    private final PlanAdministrations administrations;
    private final ProductCatalog products;
    private final ReceivedResources received;

    public AdministrationEvents(PlanAdministrations administrations, ProductCatalog products, ReceivedResources received) {
        this.administrations = administrations;
        this.products = products;
        this.received = received;
    }

    /** A completed administration of a known product is recorded on the plan; the others are ignored with their reason. */
    void apply(String patientId, MedicationAdministration administration) {
        if (administration.getStatus() == null || !"completed".equals(administration.getStatus().toCode())) {
            InputOutcome.ignore(IgnoredReasons.NOT_COMPLETED);
            return;
        }
        Optional<ProductCatalog.Product> recognised = MedicineReader.recognise(administration, received, products)
                .map(ProductCatalog.Recognition::product);
        if (recognised.isEmpty()) {
            InputOutcome.ignore(IgnoredReasons.MEDICINE_UNRECOGNIZED);
        }
        recognised.ifPresent(product -> {
            Instant at = administration.hasEffectiveDateTimeType() ? administration.getEffectiveDateTimeType().getValue().toInstant()
                    : administration.hasEffectivePeriod() && administration.getEffectivePeriod().hasStart()
                            ? administration.getEffectivePeriod().getStart().toInstant() : null;
            if (at == null) {
                throw new EventRejected("MISSING_ADMINISTRATION_TIME", "The administration has no effective time");
            }
            Double doseMg = null;
            String doseIssue = null;
            String route = null;
            if (administration.hasDosage()) {
                MedicationAdministration.MedicationAdministrationDosageComponent dosage = administration.getDosage();
                if (dosage.hasDose() && dosage.getDose().hasValue()) {
                    doseMg = milligrams(dosage.getDose());
                    if (doseMg == null) {
                        doseIssue = "the recorded dose has no unit: not taken as mg, the amount is ungradable (review)";
                    }
                }
                if (dosage.hasRoute()) {
                    for (Coding coding : dosage.getRoute().getCoding()) {
                        route = SNOMED_IV.equals(coding.getCode()) ? "IV" : SNOMED_SC.equals(coding.getCode()) ? "SC" : route;
                    }
                }
            }
            administrations.record(patientId, new PlanAdministrations.GivenDose(
                    "MedicationAdministration/" + administration.getIdElement().getIdPart(), at, doseMg, doseIssue, route, product.id()));
        });
    }

    /** The dose in mg; null when it has no unit (never assumed to be mg). */
    private static Double milligrams(Quantity dose) {
        String unit = dose.hasCode() ? dose.getCode() : dose.getUnit();
        double value = dose.getValue().doubleValue();
        if (unit == null || unit.isBlank()) {
            return null;
        }
        if (unit.equals("mg")) {
            return value;
        }
        if (unit.equals("g")) {
            return value * 1000;
        }
        throw new EventRejected("UNKNOWN_DOSE_UNIT", "The administered dose has a unit the service does not know");
    }
}
