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

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * FHIR resources from the integration bus that change a therapy plan: MedicationRequest (start, update,
 * stop), MedicationAdministration (a dose given), body-weight Observations (the dosing weight), creatinine
 * clearance and eGFR Observations (the label's renal interval), Patient (the birth date, for the label's age
 * limits) and AllergyIntolerance (a contraindication blocks the plan). A dispatcher: one handler per resource type.
 */
@ApplicationScoped
public class PatientEventsConsumer implements InboundHandler<Resource> {
    private final InboundProcessor processor;
    private final PatientEventParser parser;
    private final ReceivedResources received;
    private final OrderEvents orders;
    private final AdministrationEvents administrations;
    private final ObservationEvents observations;
    private final PatientRecordEvents patients;
    private final AllergyEvents allergies;

    public PatientEventsConsumer(InboundProcessor processor, PatientEventParser parser, ReceivedResources received, OrderEvents orders,
            AdministrationEvents administrations, ObservationEvents observations, PatientRecordEvents patients, AllergyEvents allergies) {
        this.processor = processor;
        this.parser = parser;
        this.received = received;
        this.orders = orders;
        this.administrations = administrations;
        this.observations = observations;
        this.patients = patients;
        this.allergies = allergies;
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
            allergies.apply(event.patientId(), RecordedConditions.read(event.body()).orElseThrow());
        } else if (received.keep(event.body(), event.patientId())) {
            InputOutcome.ignore(IgnoredReasons.KEPT_FOR_REFERENCE);
        } else if (event.body() instanceof MedicationRequest request) {
            orders.apply(request);
        } else if (event.body() instanceof MedicationAdministration administration) {
            administrations.apply(event.patientId(), administration);
        } else if (event.body() instanceof Observation observation) {
            observations.apply(event.patientId(), observation);
        } else if (event.body() instanceof Patient patient) {
            patients.apply(event, patient);
        } else {
            InputOutcome.ignore(IgnoredReasons.RESOURCE_TYPE_NOT_USED);
        }
    }

    @Override
    public InboundEvent<Resource> forSurvivor(InboundEvent<Resource> event, String survivingId) {
        return parser.forSurvivor(event, survivingId);
    }
}
