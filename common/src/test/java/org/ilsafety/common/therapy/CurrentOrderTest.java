package org.ilsafety.common.therapy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which stopped or completed order ends the course: only the course's current order (issue 17, found with the Synthea corpus). */
class CurrentOrderTest {

    @ParameterizedTest(name = "{0} order {1}, current {2}: another order {3}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            completed | mr-dose  | mr-standing | true
            stopped   | mr-old   | mr-new      | true
            stopped   | mr-1     | mr-1        | false
            completed | mr-1     | -           | false
            stopped   | -        | mr-1        | false
            active    | mr-2     | mr-1        | false
            """)
    void aStoppedOrderOtherThanTheCurrentOneDoesNotEndTheCourse(String status, String requestId, String current, boolean another) {
        TherapyOrder order = new TherapyOrder("p-1", requestId, "ACTEMRA", "tocilizumab", "IV", "RA", "active".equals(status), status, null);
        assertEquals(another, order.stopsAnotherOrderThan(current));
    }
}
