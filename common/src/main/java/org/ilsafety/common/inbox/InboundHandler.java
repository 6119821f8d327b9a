package org.ilsafety.common.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a service does with one inbound topic: validate a record, then apply it inside a transaction. */
public interface InboundHandler<T> {

    /** Parses and validates; throws {@link EventRejected} for anything that can never be applied. */
    InboundEvent<T> parse(ConsumerRecord<String, String> record);

    /** Applies the event; runs in the transaction that also records its idempotency key. */
    void apply(InboundEvent<T> event);
}
