package org.ilsafety.common.inbox;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.outbox.Outbox;
import org.jboss.logging.Logger;

/** Sends a record that can never be applied to its topic's dead-letter topic, through the outbox, with its reason. */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Outbox outbox;
    private final String service;

    public DeadLetters(Outbox outbox, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.service = service;
    }

    void send(ConsumerRecord<String, String> record, EventRejected reason) {
        outbox.publishRaw(Topics.deadLetter(record.topic()), record.key(), DeadLetterHeaders.EVENT_TYPE, record.value(), Map.of(
                DeadLetterHeaders.SERVICE, service,
                DeadLetterHeaders.REASON, reason.getMessage(),
                DeadLetterHeaders.REASON_CODE, reason.reasonCode(),
                DeadLetterHeaders.TOPIC, record.topic(),
                DeadLetterHeaders.PARTITION, Integer.toString(record.partition()),
                DeadLetterHeaders.OFFSET, Long.toString(record.offset())));
        LOG.warnf("Dead-lettered %s: %s", InboundProcessor.position(record), reason.reasonCode());
    }
}
