package org.ilsafety.dosing.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.inbox.SuiteEventParser;
import org.ilsafety.dosing.plan.EarlyDecisions;

import io.smallrye.reactive.messaging.annotations.Blocking;

/** monitoring-service's decisions change the plan; alerts are not this service's business. */
@ApplicationScoped
public class MonitoringEventsConsumer implements InboundHandler<MonitoringEvent> {
    private final InboundProcessor processor;
    private final SuiteEventParser parser;
    private final EarlyDecisions decisions;

    public MonitoringEventsConsumer(InboundProcessor processor, SuiteEventParser parser, EarlyDecisions decisions) {
        this.processor = processor;
        this.parser = parser;
        this.decisions = decisions;
    }

    /** One poll's records (batch mode) in one transaction; the processor falls back to one record at a time on failure. */
    @Incoming(Topics.MONITORING_EVENTS)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, String> records) {
        processor.processBatch(records, this);
    }

    @Override
    public InboundEvent<MonitoringEvent> parse(ConsumerRecord<String, String> record) {
        InboundEvent<MonitoringEvent> event = parser.parse(record, MonitoringEvent.class, MonitoringEvent::patientId);
        if (event.body().kind() == null) {
            throw new EventRejected("INCOMPLETE_MONITORING_EVENT", "The monitoring event has no kind");
        }
        if (event.body().kind() == MonitoringEvent.Kind.DECISION && (event.body().action() == null || event.body().action().isBlank())) {
            throw new EventRejected("INCOMPLETE_MONITORING_EVENT", "The decision has no action");
        }
        return event;
    }

    @Override
    public void apply(InboundEvent<MonitoringEvent> event) {
        if (event.body().kind() == MonitoringEvent.Kind.DECISION) {
            decisions.apply(event.body());
        }
    }
}
