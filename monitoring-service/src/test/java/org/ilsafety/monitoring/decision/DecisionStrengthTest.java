package org.ilsafety.monitoring.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ilsafety.monitoring.grading.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which decision replaces the one a cause holds (and is published); a DO_NOT_START gives way to an on-therapy interruption. */
class DecisionStrengthTest {

    @ParameterizedTest(name = "{1} held, {0} proposed -> {2}")
    @CsvSource({
            // proposed, held, replaces
            "INTERRUPT, DO_NOT_START, true",
            "DISCONTINUE, DO_NOT_START, true",
            "REDUCE_DOSE, DO_NOT_START, false",
            "MONITOR, DO_NOT_START, false",
            "DO_NOT_START, DO_NOT_START, false",
            "DO_NOT_START, INTERRUPT, true",
            "INTERRUPT, REDUCE_DOSE, true",
            "REDUCE_DOSE, INTERRUPT, false",
            "INTERRUPT, INTERRUPT, false",
            "DISCONTINUE, INTERRUPT, true",
            "INTERRUPT, DISCONTINUE, false",
    })
    void strongerDecisions(Action proposed, Action held, boolean replaces) {
        assertEquals(replaces, DecisionService.stronger(proposed, held));
    }
}
