package org.ilsafety.interaction.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.fhir.MedicineReader;
import org.ilsafety.common.fhir.ObservationFacts;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.fhir.ReceivedResources;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.patient.PatientMerge;
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.common.therapy.TherapyOrder;
import org.ilsafety.common.therapy.TherapyOrderReader;
import org.ilsafety.interaction.check.Today;
import org.ilsafety.interaction.patient.MergedPatients;
import org.ilsafety.interaction.patient.ObservedStatuses;
import org.ilsafety.interaction.patient.PatientChecks;
import org.ilsafety.interaction.patient.PatientMedication;
import org.ilsafety.interaction.patient.PatientRecords;
import org.ilsafety.interaction.patient.TherapyView;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * FHIR resources from the integration bus. An order for an interleukin-blocking product is the therapy
 * (recorded in {@code active_therapy}), except a second product while another one is current, which is
 * kept as a medicine of the patient (a duplicate therapy or a biologic combination for the checker),
 * and promoted to the therapy when the first product's order stops.
 * Other MedicationRequests and MedicationStatements are the patient's medicines; Immunizations the
 * vaccinations; Conditions and AllergyIntolerances the patient context (hypersensitivity, the label's warnings), and so
 * are Observations of pregnancy and breastfeeding ({@link ObservedStatuses}); a Patient that states a merge moves the
 * merged-away patient's records to the survivor ({@link MergedPatients}).
 * Every change re-checks the patient in the same transaction.
 */
@ApplicationScoped
public class PatientEventsConsumer implements InboundHandler<Resource> {
    private final InboundProcessor processor;
    private final PatientEventParser parser;
    private final TherapyOrderReader orders;
    private final ActiveTherapies therapies;
    private final PatientRecords records;
    private final PatientChecks checks;
    private final Today today;
    private final ProductCatalog products;
    private final ReceivedResources received;
    private final PatientMerges merges;
    private final MergedPatients mergedPatients;
    private final ObservedStatuses statuses;

    public PatientEventsConsumer(InboundProcessor processor, PatientEventParser parser, TherapyOrderReader orders,
            ActiveTherapies therapies, PatientRecords records, PatientChecks checks, Today today, ProductCatalog products,
            ReceivedResources received, PatientMerges merges, MergedPatients mergedPatients, ObservedStatuses statuses) {
        this.merges = merges;
        this.mergedPatients = mergedPatients;
        this.statuses = statuses;
        this.received = received;
        this.processor = processor;
        this.parser = parser;
        this.orders = orders;
        this.therapies = therapies;
        this.records = records;
        this.checks = checks;
        this.today = today;
        this.products = products;
    }

    /** One poll's records (batch mode) in one transaction; the processor falls back to one record at a time on failure. */
    @Incoming(Topics.PATIENT_EVENTS)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, String> records) {
        processor.processBatch(records, this);
    }

    @Override
    public InboundEvent<Resource> parse(ConsumerRecord<String, String> record) {
        return checked(parser.parse(record));
    }

    @Override
    public List<InboundEvent<Resource>> parseAll(ConsumerRecord<String, String> record) {
        return parser.parseAll(record).stream().map(this::checked).toList();
    }

    private InboundEvent<Resource> checked(InboundEvent<Resource> event) {
        if (event.body() instanceof Immunization immunization && FhirMedicines.isCurrent(immunization)
                && FhirMedicines.date(immunization, today.zone()) == null) {
            throw new EventRejected("IMMUNIZATION_WITHOUT_DATE", "The Immunization has no occurrenceDateTime");
        }
        return event;
    }

    @Override
    public InboundEvent<Resource> forSurvivor(InboundEvent<Resource> event, String survivingId) {
        return parser.forSurvivor(event, survivingId);
    }

    @Override
    public void apply(InboundEvent<Resource> event) {
        String patientId = event.patientId();
        boolean changed = false;
        Optional<RecordedConditions.Recorded> condition = RecordedConditions.read(event.body());
        if (condition.isPresent()) {
            received.keep(event.body(), patientId); // a Condition is also kept for an order's reasonReference
            changed = applyCondition(patientId, condition.get());
        } else if (received.keep(event.body(), patientId)) {
            InputOutcome.ignore(IgnoredReasons.KEPT_FOR_REFERENCE);
        } else if (event.body() instanceof MedicationRequest request) {
            changed = applyRequest(patientId, request);
        } else if (event.body() instanceof MedicationStatement statement) {
            changed = applyStatement(patientId, statement);
        } else if (event.body() instanceof MedicationAdministration || event.body() instanceof MedicationDispense) {
            changed = applyGiven(patientId, (DomainResource) event.body());
        } else if (event.body() instanceof Immunization immunization) {
            changed = applyImmunization(patientId, immunization);
        } else if (event.body() instanceof Patient patient && !PatientMerge.of(patient).isEmpty()) {
            if (!merges.apply(PatientMerge.of(patient), event.idempotencyKey(), mergedPatients::move)) {
                InputOutcome.ignore(IgnoredReasons.MERGE_ALREADY_APPLIED);
            }
        } else if (event.body() instanceof Observation observation && statuses.read(observation).isPresent()) {
            changed = applyObservedStatus(patientId, statuses.read(observation).get());
        } else {
            InputOutcome.ignore(IgnoredReasons.RESOURCE_TYPE_NOT_USED);
        }
        if (changed) {
            checks.recheck(patientId);
        }
    }

    private boolean applyRequest(String patientId, MedicationRequest request) {
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

    private boolean applyStatement(String patientId, MedicationStatement statement) {
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
    private boolean applyGiven(String patientId, DomainResource given) {
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

    /**
     * A Condition or AllergyIntolerance: kept (the latest version), active or not, for the re-check's patient context.
     * An older version than the one kept changes nothing (IGNORED, SUPERSEDED_VERSION).
     */
    private boolean applyCondition(String patientId, RecordedConditions.Recorded condition) {
        if (!records.recordCondition(patientId, condition)) {
            InputOutcome.ignore(IgnoredReasons.SUPERSEDED_VERSION);
            return false;
        }
        return true;
    }

    /**
     * An Observation of pregnancy or breastfeeding: kept as a condition of the patient while it holds; "not pregnant"
     * ends the earlier readings. A preliminary one, an answer that says neither (or both), a void one never seen, and a
     * reading older than the latest are IGNORED with their reason.
     */
    private boolean applyObservedStatus(String patientId, ObservedStatuses.Reading reading) {
        if (reading.status() == ObservationFacts.Status.PRELIMINARY) {
            InputOutcome.ignore(IgnoredReasons.PRELIMINARY_RESULT);
            return false;
        }
        if (reading.status() == ObservationFacts.Status.COUNTS && reading.answer() == ObservedStatuses.Answer.UNRECOGNISED) {
            InputOutcome.ignore(IgnoredReasons.ANSWER_NOT_RECOGNISED);
            return false;
        }
        if (!records.recordObservedStatus(patientId, reading)) {
            InputOutcome.ignore(IgnoredReasons.OLDER_READING);
            return false;
        }
        return true;
    }

    private boolean applyImmunization(String patientId, Immunization immunization) {
        LocalDate date = FhirMedicines.date(immunization, today.zone());
        String status = immunization.getStatus() == null ? null : immunization.getStatus().toCode();
        boolean current = FhirMedicines.isCurrent(immunization);
        records.recordImmunization(patientId, FhirMedicines.ref(immunization), FhirMedicines.cvx(immunization),
                FhirMedicines.vaccineName(immunization), date != null ? date : LocalDate.EPOCH, status, current && date != null);
        return true;
    }
}
