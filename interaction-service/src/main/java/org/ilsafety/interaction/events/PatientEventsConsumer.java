package org.ilsafety.interaction.events;

import java.util.List;
import java.util.Optional;

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
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.fhir.ReceivedResources;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.patient.PatientMerge;
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.interaction.check.Today;
import org.ilsafety.interaction.patient.MergedPatients;
import org.ilsafety.interaction.patient.PatientChecks;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * FHIR resources from the integration bus, dispatched by resource type: orders to {@link MedicationOrders}
 * (the therapy or another medicine), statements, administrations and dispenses to {@link MedicationReports},
 * Conditions, AllergyIntolerances, pregnancy and breastfeeding Observations ({@link org.ilsafety.interaction.patient.ObservedStatuses}) and Immunizations to {@link PatientContext};
 * a Patient that states a merge moves the merged-away patient's records to the survivor ({@link MergedPatients}).
 * Every change re-checks the patient in the same transaction.
 */
@ApplicationScoped
public class PatientEventsConsumer implements InboundHandler<Resource> {
    private final InboundProcessor processor;
    private final PatientEventParser parser;
    private final PatientChecks checks;
    private final Today today;
    private final ReceivedResources received;
    private final PatientMerges merges;
    private final MergedPatients mergedPatients;
    private final MedicationOrders orders;
    private final MedicationReports reports;
    private final PatientContext context;

    public PatientEventsConsumer(InboundProcessor processor, PatientEventParser parser, PatientChecks checks, Today today,
            ReceivedResources received, PatientMerges merges, MergedPatients mergedPatients,
            MedicationOrders orders, MedicationReports reports, PatientContext context) {
        this.processor = processor;
        this.parser = parser;
        this.checks = checks;
        this.today = today;
        this.received = received;
        this.merges = merges;
        this.mergedPatients = mergedPatients;
        this.orders = orders;
        this.reports = reports;
        this.context = context;
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
            changed = context.apply(patientId, condition.get());
        } else if (received.keep(event.body(), patientId)) {
            InputOutcome.ignore(IgnoredReasons.KEPT_FOR_REFERENCE);
        } else if (event.body() instanceof MedicationRequest request) {
            changed = orders.apply(patientId, request);
        } else if (event.body() instanceof MedicationStatement statement) {
            changed = reports.apply(patientId, statement);
        } else if (event.body() instanceof MedicationAdministration || event.body() instanceof MedicationDispense) {
            changed = reports.applyGiven(patientId, (DomainResource) event.body());
        } else if (event.body() instanceof Immunization immunization) {
            changed = context.apply(patientId, immunization);
        } else if (event.body() instanceof Patient patient && !PatientMerge.of(patient).isEmpty()) {
            if (!merges.apply(PatientMerge.of(patient), event.idempotencyKey(), mergedPatients::move)) {
                InputOutcome.ignore(IgnoredReasons.MERGE_ALREADY_APPLIED);
            }
        } else if (event.body() instanceof Observation observation && context.isObservedStatus(observation)) {
            changed = context.apply(patientId, observation);
        } else {
            InputOutcome.ignore(IgnoredReasons.RESOURCE_TYPE_NOT_USED);
        }
        if (changed) {
            checks.recheck(patientId);
        }
    }
}
