package org.ilsafety.interaction.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.TherapyOrderReader;

import io.smallrye.reactive.messaging.annotations.Blocking;

/** FHIR resources from the integration bus: therapy orders, medicines and immunizations. */
@ApplicationScoped
public class PatientEventsConsumer implements InboundHandler<Resource> {
    private final InboundProcessor processor;
    private final PatientEventParser parser;
    private final TherapyOrderReader orders;
    private final ActiveTherapies therapies;

    public PatientEventsConsumer(InboundProcessor processor, PatientEventParser parser, TherapyOrderReader orders,
            ActiveTherapies therapies) {
        this.processor = processor;
        this.parser = parser;
        this.orders = orders;
        this.therapies = therapies;
    }

    @Incoming(Topics.PATIENT_EVENTS)
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, this);
    }

    @Override
    public InboundEvent<Resource> parse(ConsumerRecord<String, String> record) {
        return parser.parse(record);
    }

    @Override
    public void apply(InboundEvent<Resource> event) {
        if (event.body() instanceof MedicationRequest request) {
            orders.read(request).ifPresent(therapies::recordOrder);
        }
    }
}
