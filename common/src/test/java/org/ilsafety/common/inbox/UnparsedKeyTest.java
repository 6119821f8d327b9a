package org.ilsafety.common.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A record that parses into no event: the same broken bytes for another patient are never taken for a duplicate. */
class UnparsedKeyTest {
    private static final String BROKEN = "{\"resourceType\":";

    private static ConsumerRecord<String, String> record(String patient, long offset) {
        return new ConsumerRecord<>("patient-events", 0, offset, patient, BROKEN);
    }

    @Test
    void theSameBrokenBytesForTwoPatientsAreTwoDeadLetters() {
        assertNotEquals(IdempotencyKeys.unparsedKey(record("patient-a", 10)), IdempotencyKeys.unparsedKey(record("patient-b", 11)));
    }

    @Test
    void aRedeliveryOfTheSameRecordIsADuplicate() {
        assertEquals(IdempotencyKeys.unparsedKey(record("patient-a", 10)), IdempotencyKeys.unparsedKey(record("patient-a", 10)));
    }

    @Test
    void aRecordWithoutAKeyStillHasOne() {
        assertNotEquals(IdempotencyKeys.unparsedKey(new ConsumerRecord<>("patient-events", 0, 1, null, BROKEN)),
                IdempotencyKeys.unparsedKey(record("patient-a", 1)));
    }
}
