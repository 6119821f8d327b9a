package org.ilsafety.common.therapy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.inbox.SuiteEventParser;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** dosing-service's therapy plan events keep this service's {@link ActiveTherapy} current. */
@ApplicationScoped
@IfBuildProperty(name = "suite.active-therapy", stringValue = "enabled")
public class TherapyPlanEventsConsumer implements InboundHandler<TherapyPlanEvent> {
    private final InboundProcessor processor;
    private final SuiteEventParser parser;
    private final ActiveTherapies therapies;
    private final Event<ActiveTherapyChanged> changed;

    public TherapyPlanEventsConsumer(InboundProcessor processor, SuiteEventParser parser, ActiveTherapies therapies,
            Event<ActiveTherapyChanged> changed) {
        this.processor = processor;
        this.parser = parser;
        this.therapies = therapies;
        this.changed = changed;
    }

    /** One poll's records (the channel runs with batch=true) in one transaction. */
    @Incoming(Topics.THERAPY_PLAN_EVENTS)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, String> records) {
        processor.processBatch(records, this);
    }

    @Override
    public InboundEvent<TherapyPlanEvent> parse(ConsumerRecord<String, String> record) {
        InboundEvent<TherapyPlanEvent> event = parser.parse(record, TherapyPlanEvent.class, TherapyPlanEvent::patientId);
        TherapyPlanEvent plan = event.body();
        if (plan.change() == null || plan.drug() == null || plan.product() == null || plan.status() == null) {
            throw new EventRejected("INCOMPLETE_PLAN_EVENT", "The therapy plan event lacks change, drug, product or status");
        }
        return event;
    }

    @Override
    public void apply(InboundEvent<TherapyPlanEvent> event) {
        ActiveTherapy therapy = therapies.recordPlanEvent(event.body());
        changed.fire(new ActiveTherapyChanged(therapy, event.body()));
    }
}
