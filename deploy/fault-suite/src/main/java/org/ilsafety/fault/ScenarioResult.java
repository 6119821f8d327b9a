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
        Duration catchUp) {

    boolean passed() {
        return lost.values().stream().allMatch(n -> n == 0)
                && appliedTwice.values().stream().allMatch(n -> n == 0)
                && orderViolations.values().stream().allMatch(n -> n == 0)
                && deadLetters.values().stream().allMatch(n -> n == poisonSent)
                && alertsExpected == alertsPresent;
    }
}
