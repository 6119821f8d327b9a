package org.ilsafety.common.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class OperationsQueryTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void aDeadLetterRowNamesItsReasonTopicPartitionAndOffset() {
        OperationsQuery.DeadLetter letter = OperationsQuery.deadLetter(AT, "DEAD_LETTERED MALFORMED_JSON", "patient-events-3@42");
        assertEquals("MALFORMED_JSON", letter.reasonCode());
        assertEquals("patient-events", letter.topic(), "a topic name with dashes is kept whole");
        assertEquals(3, letter.partition());
        assertEquals(42L, letter.offset());
    }

    @Test
    void theDecisionsAfterThePositionAreNotPartOfIt() {
        OperationsQuery.DeadLetter letter = OperationsQuery.deadLetter(AT, "DEAD_LETTERED X", "therapy-plan-events-0@7 decisions=a,b");
        assertEquals("therapy-plan-events", letter.topic());
        assertEquals(7L, letter.offset());
    }

    @Test
    void aTargetWithoutAPositionKeepsTheReasonOnly() {
        OperationsQuery.DeadLetter letter = OperationsQuery.deadLetter(AT, "DEAD_LETTERED X", "garbled");
        assertEquals("X", letter.reasonCode());
        assertNull(letter.topic());
        assertNull(letter.offset());
    }
}
