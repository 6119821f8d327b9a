package org.ilsafety.dosing.events;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.fhir.ReceivedResources;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.patient.PatientMerge;
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.common.therapy.TherapyOrderReader;
import org.ilsafety.dosing.allergy.PatientAllergies;
import org.ilsafety.dosing.plan.AllergyBlocks;
import org.ilsafety.dosing.plan.EarlyDecisions;
import org.ilsafety.dosing.plan.MergedPatients;
import org.ilsafety.dosing.plan.PlanMeasurements;
import org.ilsafety.dosing.plan.PlanOrders;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * FHIR resources from the integration bus that change a therapy plan: MedicationRequest (start, update,
 * stop), MedicationAdministration (a dose given), body-weight Observations (the dosing weight), creatinine
 * clearance and eGFR Observations (the label's renal interval), Patient (the birth date, for the label's age
 * limits) and AllergyIntolerance (a contraindication blocks the plan).
 */
@ApplicationScoped
public class PatientEventsConsumer implements InboundHandler<Resource> {
    private final InboundProcessor processor;
    private final PatientEventParser parser;
    private final TherapyOrderReader orders;
    private final OrderDetailsReader details;
    private final PlanOrders planOrders;
    private final PlanMeasurements measurements;
    private final AdministrationEvents administrations;
    private final ObservationEvents observations;
    private final EarlyDecisions earlyDecisions;
    private final ReceivedResources received;
    private final PatientAllergies allergies;
    private final AllergyBlocks allergyBlocks;
    private final PatientMerges merges;
    private final MergedPatients mergedPatients;

    public PatientEventsConsumer(InboundProcessor processor, PatientEventParser parser, TherapyOrderReader orders,
            OrderDetailsReader details, PlanOrders planOrders, PlanMeasurements measurements, AdministrationEvents administrations,
            ObservationEvents observations, EarlyDecisions earlyDecisions, ReceivedResources received, PatientAllergies allergies,
            AllergyBlocks allergyBlocks, PatientMerges merges, MergedPatients mergedPatients) {
        this.merges = merges;
        this.mergedPatients = mergedPatients;
        this.allergies = allergies;
        this.allergyBlocks = allergyBlocks;
        this.received = received;
        this.processor = processor;
        this.parser = parser;
        this.orders = orders;
        this.details = details;
        this.planOrders = planOrders;
        this.measurements = measurements;
        this.administrations = administrations;
        this.observations = observations;
        this.earlyDecisions = earlyDecisions;
    }

    /** One poll's records (batch mode) in one transaction; the processor falls back to one record at a time on failure. */
    @Incoming(Topics.PATIENT_EVENTS)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, String> records) {
        processor.processBatch(records, this);
    }

    @Override
    public InboundEvent<Resource> parse(ConsumerRecord<String, String> record) {
        return parser.parse(record);
    }

    @Override
    public List<InboundEvent<Resource>> parseAll(ConsumerRecord<String, String> record) {
        return parser.parseAll(record);
    }

    @Override
    public void apply(InboundEvent<Resource> event) {
        if (event.body() instanceof AllergyIntolerance) {
            allergy(event.patientId(), RecordedConditions.read(event.body()).orElseThrow());
        } else if (received.keep(event.body(), event.patientId())) {
            InputOutcome.ignore(IgnoredReasons.KEPT_FOR_REFERENCE);
        } else if (event.body() instanceof MedicationRequest request) {
            orders.read(request).ifPresentOrElse(order -> {
                planOrders.applyOrder(order, details.read(request));
                earlyDecisions.applyHeld(order.patientId());
            }, () -> InputOutcome.ignore(IgnoredReasons.MEDICINE_UNRECOGNIZED));
        } else if (event.body() instanceof MedicationAdministration administration) {
            administrations.apply(event.patientId(), administration);
        } else if (event.body() instanceof Observation observation) {
            observations.apply(event.patientId(), observation);
        } else if (event.body() instanceof Patient patient) {
            patient(event, patient);
        } else {
            InputOutcome.ignore(IgnoredReasons.RESOURCE_TYPE_NOT_USED);
        }
    }

    /**
     * A Patient: its birth date (the label's age limits), and a merge its links state (replaced-by / replaces), which moves
     * the merged-away patient's plan and facts to the survivor ({@link MergedPatients}).
     */
    private void patient(InboundEvent<Resource> event, Patient patient) {
        List<PatientMerge> stated = PatientMerge.of(patient);
        boolean merged = !stated.isEmpty() && merges.apply(stated, event.idempotencyKey(), mergedPatients::move);
        boolean merging = stated.stream().anyMatch(merge -> merge.mergedId().equals(event.patientId()));
        if (patient.hasBirthDate() && !merging) {
            measurements.recordBirthDate(event.patientId(), patient.getBirthDateElement().getValueAsCalendar().toZonedDateTime().toLocalDate());
        } else if (!merged) {
            InputOutcome.ignore(stated.isEmpty() ? IgnoredReasons.NOTHING_USED : IgnoredReasons.MERGE_ALREADY_APPLIED);
        }
    }

    @Override
    public InboundEvent<Resource> forSurvivor(InboundEvent<Resource> event, String survivingId) {
        return parser.forSurvivor(event, survivingId);
    }

    /**
     * An AllergyIntolerance is kept (its latest version) whether or not a plan exists; one that contraindicates the
     * plan's drug blocks or holds the plan, one that no longer holds lifts the block. An older version than the one kept
     * changes nothing (IGNORED, SUPERSEDED_VERSION).
     */
    private void allergy(String patientId, RecordedConditions.Recorded allergy) {
        if (!allergies.record(patientId, allergy)) {
            InputOutcome.ignore(IgnoredReasons.SUPERSEDED_VERSION);
            return;
        }
        allergyBlocks.allergyChanged(patientId);
    }
}
