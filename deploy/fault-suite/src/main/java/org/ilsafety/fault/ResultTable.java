package org.ilsafety.fault;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The fault suite's results as a console line and a Markdown table for the README. */
final class ResultTable {
    private ResultTable() {
    }

    static String row(ScenarioResult r) {
        return "| %s | %d | %d | %s | %s | %s | %d | %s | %s | %d / %d | %.1f s | %.1f s | %.0f | %s |".formatted(
                r.scenario(), r.acknowledged(), r.expectedApplied(), perService(r.applied()), perService(r.lost()),
                perService(r.appliedTwice()), r.poisonSent(), perService(r.deadLetters()), perService(r.orderViolations()),
                r.alertsExpected(), r.alertsPresent(), r.faultRecovery().toMillis() / 1000.0, r.catchUp().toMillis() / 1000.0,
                r.eventsPerSecond(), r.passed() ? "pass" : "FAIL");
    }

    static String markdown(List<ScenarioResult> results, int patients, int perPatient, int brokers, int replicas) {
        StringBuilder table = new StringBuilder();
        table.append(("Fault suite: %d patients x %d events per scenario, %d Kafka broker(s), %d replica(s) of each service. "
                + "Per-service figures are dosing / monitoring / interaction.%n%n").formatted(patients, perPatient, brokers, replicas));
        table.append("| scenario | acknowledged | owed (distinct, non-poison) | applied | lost | applied twice | poison sent "
                + "| dead letters | order violations | ANC alerts expected / present | fault recovery | catch-up after last send | events/s end to end | result |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        results.forEach(r -> table.append(row(r)).append('\n'));
        return table.toString();
    }

    private static String perService(Map<String, Integer> values) {
        return values.values().stream().map(String::valueOf).collect(Collectors.joining(" / "));
    }
}
