package org.ilsafety.common.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a service does with one inbound topic: validate a record, then apply it inside a transaction. */
public interface InboundHandler<T> {

    /** Parses and validates; throws {@link EventRejected} for anything that can never be applied. */
    InboundEvent<T> parse(ConsumerRecord<String, String> record);

    /**
     * Every input of a record, in order: one for most records, one per entry for a Bundle. The idempotency
     * key, audit row, metric and the patient's inputs list are per input.
     */
    default java.util.List<InboundEvent<T>> parseAll(ConsumerRecord<String, String> record) {
        return java.util.List.of(parse(record));
    }

    /**
     * The event re-addressed to the patient a merged-away patient id now stands for ({@code patient_merge}), or the
     * event itself when this handler does not follow patient merges (the default).
     */
    default InboundEvent<T> forSurvivor(InboundEvent<T> event, String survivingId) {
        return event;
    }

    /** Applies the event; may say {@link InputOutcome#ignore} when it changes nothing; runs in the transaction that also records its idempotency key. */
    void apply(InboundEvent<T> event);
}
