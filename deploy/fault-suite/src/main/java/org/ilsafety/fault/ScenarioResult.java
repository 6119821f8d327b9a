package org.ilsafety.fault;

import java.time.Duration;
import java.util.Map;

/** What one scenario measured, per consuming service where it differs. */
record ScenarioResult(
        Scenario scenario,
        int acknowledged,
        int expectedApplied,
        Map<String, Integer> applied,
        Map<String, Integer> lost,
        Map<String, Integer> appliedTwice,
        int poisonSent,
        Map<String, Integer> deadLetters,
        Map<String, Integer> orderViolations,
        int alertsExpected,
        int alertsPresent,
        Duration faultRecovery,
        Duration catchUp,
        Duration firstSendToQuiet) {

    /** Acknowledged records per second, from the first send to zero lag and empty outboxes in all three services. */
    double eventsPerSecond() {
        return firstSendToQuiet.isZero() ? 0 : acknowledged * 1000.0 / firstSendToQuiet.toMillis();
    }

    boolean passed() {
        return lost.values().stream().allMatch(n -> n == 0)
                && appliedTwice.values().stream().allMatch(n -> n == 0)
                && orderViolations.values().stream().allMatch(n -> n == 0)
                && deadLetters.values().stream().allMatch(n -> n == poisonSent)
                && alertsExpected == alertsPresent;
    }
}
