package org.ilsafety.monitoring.events;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

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
import org.ilsafety.common.fhir.MedicineReader;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.fhir.ReceivedResources;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.patient.PatientMerge;
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.common.therapy.TherapyOrderReader;
import org.ilsafety.monitoring.infection.InfectionMonitor;
import org.ilsafety.monitoring.lab.LabMonitor;
import org.ilsafety.monitoring.patient.MergedPatients;
import org.ilsafety.monitoring.screening.LatentTuberculosis;
import org.ilsafety.monitoring.lab.ObservationReader;
import org.ilsafety.monitoring.response.PatientStates;
import org.ilsafety.monitoring.screening.StartScreening;
import org.ilsafety.monitoring.therapy.TherapyLifecycle;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * FHIR resources from the integration bus: therapy orders, administrations (the first one starts the therapy), lab,
 * screen and weight Observations, infection Conditions, Patient merges ({@link MergedPatients}). An Observation is validated in {@link #parse} so what can never be applied (no value, a
 * non-numeric or negative value) is dead-lettered before any state changes.
 */
@ApplicationScoped
public class PatientEventsConsumer implements InboundHandler<PatientEventsConsumer.Reading> {
    private final InboundProcessor processor;
    private final PatientEventParser parser;
    private final TherapyOrderReader orders;
    private final ObservationReader observations;
    private final TherapyLifecycle lifecycle;
    private final LabMonitor labs;
    private final StartScreening screening;
    private final InfectionMonitor infections;
    private final PatientStates states;
    private final EntityManager entityManager;
    private final ReceivedResources received;
    private final ProductCatalog products;
    private final PatientMerges merges;
    private final MergedPatients mergedPatients;
    private final LatentTuberculosis latentTb;

    public PatientEventsConsumer(InboundProcessor processor, PatientEventParser parser, TherapyOrderReader orders,
            ObservationReader observations, TherapyLifecycle lifecycle, LabMonitor labs, StartScreening screening, InfectionMonitor infections,
            PatientStates states, EntityManager entityManager, ReceivedResources received, ProductCatalog products, PatientMerges merges,
            MergedPatients mergedPatients, LatentTuberculosis latentTb) {
        this.merges = merges;
        this.mergedPatients = mergedPatients;
        this.latentTb = latentTb;
        this.received = received;
        this.products = products;
        this.processor = processor;
        this.parser = parser;
        this.orders = orders;
        this.observations = observations;
        this.lifecycle = lifecycle;
        this.labs = labs;
        this.screening = screening;
        this.infections = infections;
        this.states = states;
        this.entityManager = entityManager;
    }

    /** The FHIR resource and, for an Observation, what monitoring read from it. */
    public record Reading(Resource resource, ObservationReader.Reading observation) {
    }

    /**
     * One poll's records (batch mode) in one transaction; the processor falls back to one record at a time on
     * failure. The lab results' patients are noted while the records are parsed, so their state is read once
     * for the whole poll ({@link PatientStates}).
     */
    @Incoming(Topics.PATIENT_EVENTS)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, String> records) {
        if (records.isEmpty()) {
            return;
        }
        PatientStates.begin();
        try {
            processor.processBatch(records, this);
        } finally {
            PatientStates.end();
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
        PatientStates.Batch batch = PatientStates.current();
        if (batch != null && reading instanceof ObservationReader.LabReading lab) {
            batch.lab(lab.patientId(), lab.observationId());
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
        Resource resource = event.body().resource();
        if (event.body().observation() instanceof ObservationReader.LabReading lab) {
            // The lab path reads only its patient states, never a query after a write: nothing needs to be
            // written before the commit, which writes the batch's rows in JDBC batches. Without this, every
            // record's idempotency insert (a native statement) would flush the whole persistence context.
            entityManager.setFlushMode(FlushModeType.COMMIT);
            labs.record(lab);
            return;
        }
        // Anything else queries what the batch wrote so far, and may change what the lab path keeps of the
        // patient: it is read again when needed.
        entityManager.flush();
        entityManager.setFlushMode(FlushModeType.AUTO);
        states.forget(event.patientId());
        boolean kept = received.keep(resource, event.patientId());
        if (resource instanceof MedicationRequest request) {
            orders.read(request).ifPresentOrElse(lifecycle::ordered, () -> {
                if (!latentTb.recordTreatment(request, received)) {
                    InputOutcome.ignore(IgnoredReasons.MEDICINE_UNRECOGNIZED);
                }
            });
        } else if (resource instanceof MedicationStatement statement && latentTb.recordTreatment(statement, received)) {
            // a latent tuberculosis treatment (isoniazid, rifampin, rifapentine): kept for the start screening
        } else if (resource instanceof MedicationAdministration administration) {
            administered(event.patientId(), administration);
        } else if (resource instanceof Condition condition) {
            infections.record(condition);
            latentTb.record(condition);
        } else if (resource instanceof Patient patient && !PatientMerge.of(patient).isEmpty()) {
            if (!merges.apply(PatientMerge.of(patient), event.idempotencyKey(), mergedPatients::move)) {
                InputOutcome.ignore(IgnoredReasons.MERGE_ALREADY_APPLIED);
            }
        } else if (event.body().observation() instanceof ObservationReader.ScreenReading screen) {
            screening.record(screen);
        } else if (event.body().observation() instanceof ObservationReader.Ignored ignored) {
            InputOutcome.ignore(ignored.reason());
        } else if (kept) {
            InputOutcome.ignore(IgnoredReasons.KEPT_FOR_REFERENCE);
        } else {
            InputOutcome.ignore(IgnoredReasons.RESOURCE_TYPE_NOT_USED);
        }
        states.forget(event.patientId());
    }

    private void administered(String patientId, MedicationAdministration administration) {
        if (administration.getStatus() == null || !"completed".equals(administration.getStatus().toCode())) {
            InputOutcome.ignore(IgnoredReasons.NOT_COMPLETED);
            return;
        }
        var recognised = MedicineReader.recognise(administration, received, products).map(ProductCatalog.Recognition::product);
        if (recognised.isEmpty()) {
            InputOutcome.ignore(IgnoredReasons.MEDICINE_UNRECOGNIZED);
            return;
        }
        Instant at = administration.hasEffectiveDateTimeType() ? administration.getEffectiveDateTimeType().getValue().toInstant()
                : administration.hasEffectivePeriod() && administration.getEffectivePeriod().hasStart()
                        ? administration.getEffectivePeriod().getStart().toInstant() : null;
        if (at == null) {
            throw new EventRejected("MISSING_ADMINISTRATION_TIME", "The administration has no effective time");
        }
        lifecycle.administered(patientId, recognised.get().molecule(), at);
    }
}
