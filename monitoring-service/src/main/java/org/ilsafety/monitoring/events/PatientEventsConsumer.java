package org.ilsafety.monitoring.events;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.fhir.ReceivedResources;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.patient.PatientMerge;
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.common.therapy.TherapyOrderReader;
import org.ilsafety.monitoring.infection.InfectionMonitor;
import org.ilsafety.monitoring.lab.LabMonitor;
import org.ilsafety.monitoring.lab.ObservationReader;
import org.ilsafety.monitoring.patient.MergedPatients;
import org.ilsafety.monitoring.response.ClinicalResponse;
import org.ilsafety.monitoring.response.PollSession;
import org.ilsafety.monitoring.screening.LatentTuberculosis;
import org.ilsafety.monitoring.screening.StartScreening;
import org.ilsafety.monitoring.therapy.TherapyLifecycle;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * FHIR resources from the integration bus, each handed to the cause it concerns: therapy orders and administrations
 * ({@link TherapyLifecycle}), lab results ({@link LabMonitor}), screens ({@link StartScreening}), infection and latent TB
 * Conditions, latent TB treatments, Patient merges ({@link MergedPatients}). An Observation is validated in {@link #parse} so
 * what can never be applied (no value, a non-numeric or negative value) is dead-lettered before any state changes.
 */
@ApplicationScoped
public class PatientEventsConsumer implements InboundHandler<PatientEventsConsumer.Reading> {
    private final InboundProcessor processor;
    private final PatientEventParser parser;
    private final ObservationReader observations;
    private final PollSession poll;
    private final ClinicalResponse responses;
    private final Causes causes;

    public PatientEventsConsumer(InboundProcessor processor, PatientEventParser parser, ObservationReader observations, PollSession poll,
            ClinicalResponse responses, Causes causes) {
        this.processor = processor;
        this.parser = parser;
        this.observations = observations;
        this.poll = poll;
        this.responses = responses;
        this.causes = causes;
    }

    /** The services an input can concern, one per clinical cause (and the lifecycle and merges); no client proxy, so its fields are read. */
    @Singleton
    public static class Causes {
        final TherapyOrderReader orders;
        final TherapyLifecycle lifecycle;
        final LabMonitor labs;
        final StartScreening screening;
        final InfectionMonitor infections;
        final LatentTuberculosis latentTb;
        final ReceivedResources received;
        final PatientMerges merges;
        final MergedPatients mergedPatients;

        Causes(TherapyOrderReader orders, TherapyLifecycle lifecycle, LabMonitor labs, StartScreening screening, InfectionMonitor infections,
                LatentTuberculosis latentTb, ReceivedResources received, PatientMerges merges, MergedPatients mergedPatients) {
            this.orders = orders;
            this.lifecycle = lifecycle;
            this.labs = labs;
            this.screening = screening;
            this.infections = infections;
            this.latentTb = latentTb;
            this.received = received;
            this.merges = merges;
            this.mergedPatients = mergedPatients;
        }
    }

    /** The FHIR resource and, for an Observation, what monitoring read from it. */
    public record Reading(Resource resource, ObservationReader.Reading observation) {
    }

    /**
     * One poll's records (batch mode) in one transaction; the processor falls back to one record at a time on
     * failure. The lab results' patients are noted while the records are parsed, so their state is read once
     * for the whole poll ({@link PollSession}).
     */
    @Incoming(Topics.PATIENT_EVENTS)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, String> records) {
        if (!records.isEmpty()) {
            poll.during(() -> processor.processBatch(records, this));
        }
    }

    @Override
    public InboundEvent<Reading> parse(ConsumerRecord<String, String> record) {
        return reading(parser.parse(record));
    }

    /** Every input of the record (a Bundle's entries in order), each with what monitoring read from it. */
    @Override
    public List<InboundEvent<Reading>> parseAll(ConsumerRecord<String, String> record) {
        return parser.parseAll(record).stream().map(this::reading).toList();
    }

    private InboundEvent<Reading> reading(InboundEvent<Resource> event) {
        if (event.ignoredBecause() != null) {
            return event.withBody(new Reading(event.body(), null));
        }
        ObservationReader.Reading reading = event.body() instanceof Observation observation ? observations.read(observation) : null;
        if (reading instanceof ObservationReader.LabReading lab) {
            poll.expectLab(lab.patientId(), lab.observationId());
        }
        return event.withBody(new Reading(event.body(), reading));
    }

    /** A merged-away patient's input, read again for the surviving patient. */
    @Override
    public InboundEvent<Reading> forSurvivor(InboundEvent<Reading> event, String survivingId) {
        InboundEvent<Resource> resource = parser.forSurvivor(event.withBody(event.body().resource()), survivingId);
        return resource.patientId().equals(event.patientId()) ? event : reading(resource);
    }

    @Override
    public void apply(InboundEvent<Reading> event) {
        if (event.body().observation() instanceof ObservationReader.LabReading lab) {
            causes.labs.record(lab);
        } else {
            responses.queryingPath(event.patientId(), () -> dispatch(event));
        }
    }

    private void dispatch(InboundEvent<Reading> event) {
        Resource resource = event.body().resource();
        boolean kept = causes.received.keep(resource, event.patientId());
        if (resource instanceof MedicationRequest request) {
            causes.orders.read(request).ifPresentOrElse(causes.lifecycle::ordered, () -> {
                if (!causes.latentTb.recordTreatment(request, causes.received)) {
                    InputOutcome.ignore(IgnoredReasons.MEDICINE_UNRECOGNIZED);
                }
            });
        } else if (resource instanceof MedicationStatement statement && causes.latentTb.recordTreatment(statement, causes.received)) {
            // a latent tuberculosis treatment (isoniazid, rifampin, rifapentine): kept for the start screening
        } else if (resource instanceof MedicationAdministration administration) {
            causes.lifecycle.administered(event.patientId(), administration);
        } else if (resource instanceof Condition condition) {
            causes.infections.record(condition);
            causes.latentTb.record(condition);
        } else if (resource instanceof Patient patient && !PatientMerge.of(patient).isEmpty()) {
            if (!causes.merges.apply(PatientMerge.of(patient), event.idempotencyKey(), causes.mergedPatients::move)) {
                InputOutcome.ignore(IgnoredReasons.MERGE_ALREADY_APPLIED);
            }
        } else if (event.body().observation() instanceof ObservationReader.ScreenReading screen) {
            causes.screening.record(screen);
        } else if (event.body().observation() instanceof ObservationReader.Ignored ignored) {
            InputOutcome.ignore(ignored.reason());
        } else {
            InputOutcome.ignore(kept ? IgnoredReasons.KEPT_FOR_REFERENCE : IgnoredReasons.RESOURCE_TYPE_NOT_USED);
        }
    }
}
