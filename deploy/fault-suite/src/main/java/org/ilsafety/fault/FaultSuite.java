package org.ilsafety.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.events.Topics;
import org.ilsafety.stack.LocalStack;
import org.ilsafety.stack.StackOptions;
import org.ilsafety.stack.SuiteService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Drives patient events through the running suite while injecting one fault per scenario, then checks
 * that nothing acknowledged was lost, nothing was applied twice, every poison record reached the dead
 * letters once per consuming service, each patient's order held, and the expected alerts exist.
 * Usage: {@code run-fault-suite.sh [--patients N] [--events-per-patient N] [--brokers N] [--replicas N] [--scenarios A,B,...]};
 * a scenario the stack's shape cannot hold (a replica scenario on one replica) is skipped, saying why.
 */
public final class FaultSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double FAULT_AT = 0.3;

    private final LocalStack stack;
    private final SuiteProbe probe;

    private FaultSuite(LocalStack stack) {
        this.stack = stack;
        this.probe = new SuiteProbe(stack.infrastructure());
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        int patients = intOption(arguments, "--patients", 1_000);
        int perPatient = intOption(arguments, "--events-per-patient", 100);
        int brokers = intOption(arguments, "--brokers", 1);
        int replicas = intOption(arguments, "--replicas", 1);
        List<Scenario> asked = arguments.contains("--scenarios")
                ? Arrays.stream(arguments.get(arguments.indexOf("--scenarios") + 1).split(",")).map(Scenario::valueOf).toList()
                : List.of(Scenario.values());
        List<Scenario> scenarios = new ArrayList<>();
        for (Scenario scenario : asked) {
            scenario.unfitFor(brokers, replicas).ifPresentOrElse(why -> System.out.printf("Skipped %s: %s%n", scenario, why),
                    () -> scenarios.add(scenario));
        }
        Path home = Path.of(System.getProperty("suite.home", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("fault-suite-");
        System.out.printf("Fault suite: %d patients x %d events per scenario, %d broker(s), %d replica(s) per service, scenarios %s, data in %s%n",
                patients, perPatient, brokers, replicas, scenarios, data);
        List<ScenarioResult> results = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(StackOptions.isolated(home, data).withCluster(brokers, replicas))) {
            FaultSuite suite = new FaultSuite(stack);
            for (Scenario scenario : scenarios) {
                ScenarioResult result = suite.run(scenario, patients, perPatient);
                results.add(result);
                System.out.println(ResultTable.row(result));
            }
        }
        String table = ResultTable.markdown(results, patients, perPatient, brokers, replicas);
        System.out.println();
        System.out.println(table);
        Path report = home.resolve("deploy/fault-suite/target/fault-suite-results.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);
        System.out.println("Written to " + report);
        System.exit(results.stream().allMatch(ScenarioResult::passed) ? 0 : 1);
    }

    ScenarioResult run(Scenario scenario, int patients, int perPatient) throws Exception {
        String prefix = "f" + scenario.ordinal();
        EventPlan plan = EventPlan.generate(prefix, patients, perPatient, scenario.poisonRate(), 42L + scenario.ordinal());
        EventSender sender = new EventSender(stack.bootstrapServers());
        AtomicReference<CompletableFuture<Duration>> fault = new AtomicReference<>(CompletableFuture.completedFuture(Duration.ZERO));
        int faultAt = (int) (plan.events.size() * FAULT_AT);
        System.out.printf("%n== %s: %s ==%n", scenario, scenario.description);
        scenario.prepare(stack);
        long firstSend = System.nanoTime();
        if (scenario.betweenHalves()) {
            // the documented procedure: the senders pause, everything sent is consumed and relayed, the partitions are raised
            int half = plan.events.size() / 2;
            sender.send(plan.events.subList(0, half), handed -> { });
            probe.awaitQuiet(Duration.ofMinutes(20));
            fault.set(CompletableFuture.completedFuture(inject(scenario)));
            sender.send(plan.events.subList(half, plan.events.size()), handed -> { });
        } else {
            sender.send(plan.events, handed -> {
                if (scenario.midStream() && handed == faultAt) {
                    fault.set(CompletableFuture.supplyAsync(() -> inject(scenario)));
                }
            });
        }
        if (scenario == Scenario.DUPLICATE_SEND) {
            sender.send(plan.events, handed -> { });
        }
        Duration recovery = fault.get().join();
        Duration catchUp = probe.awaitQuiet(Duration.ofMinutes(20));
        if (scenario.afterStream()) {
            recovery = inject(scenario);
            catchUp = probe.awaitQuiet(Duration.ofMinutes(20));
        }
        Duration firstSendToQuiet = scenario.afterStream() ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - firstSend);
        return measure(scenario, plan, sender, recovery, catchUp, firstSendToQuiet);
    }

    private Duration inject(Scenario scenario) {
        try {
            System.out.println("   injecting: " + scenario.description);
            Duration back = scenario.inject(stack, probe);
            System.out.printf("   recovered in %.1f s%n", back.toMillis() / 1000.0);
            return back;
        } catch (Exception e) {
            throw new IllegalStateException("Fault injection failed: " + scenario, e);
        }
    }

    private ScenarioResult measure(Scenario scenario, EventPlan plan, EventSender sender, Duration recovery, Duration catchUp,
            Duration firstSendToQuiet) throws Exception {
        Set<String> owed = new HashSet<>(sender.acknowledgedKeys);
        Map<String, Integer> applied = new LinkedHashMap<>();
        Map<String, Integer> lost = new LinkedHashMap<>();
        Map<String, Integer> order = new LinkedHashMap<>();
        for (SuiteService service : SuiteService.ALL) {
            List<String> keys = probe.appliedKeys(service.name(), plan.prefix);
            Set<String> distinct = new HashSet<>(keys);
            applied.put(service.name(), (int) distinct.stream().filter(owed::contains).count());
            lost.put(service.name(), (int) owed.stream().filter(k -> !distinct.contains(k)).count());
            order.put(service.name(), SuiteProbe.orderViolations(keys));
        }
        String patientPrefix = plan.prefix + "-";
        Map<String, Integer> appliedTwice = new LinkedHashMap<>();
        appliedTwice.put("dosing-service", SuiteProbe.duplicatedEffects(outbound(Topics.THERAPY_PLAN_EVENTS, patientPrefix)));
        List<ConsumerRecord<String, String>> monitoring = outbound(Topics.MONITORING_EVENTS, patientPrefix);
        appliedTwice.put("monitoring-service", SuiteProbe.duplicatedEffects(monitoring));
        appliedTwice.put("interaction-service", SuiteProbe.duplicatedEffects(outbound(Topics.INTERACTION_FINDINGS, patientPrefix)));
        Map<String, Long> lettersByService = probe.read(Topics.deadLetter(Topics.PATIENT_EVENTS),
                r -> r.key() != null && r.key().startsWith(patientPrefix))
                .stream().collect(Collectors.groupingBy(r -> SuiteProbe.header(r, "dead-letter-service"), Collectors.counting()));
        Map<String, Integer> deadLetters = new LinkedHashMap<>();
        SuiteService.ALL.forEach(s -> deadLetters.put(s.name(), lettersByService.getOrDefault(s.name(), 0L).intValue()));
        return new ScenarioResult(scenario, sender.acknowledged.get(), owed.size(), applied, lost, appliedTwice,
                sender.acknowledgedPoison.size(), deadLetters, order, expectedAncAlerts(plan, sender), ancAlerts(monitoring),
                recovery, catchUp, firstSendToQuiet);
    }

    private List<ConsumerRecord<String, String>> outbound(String topic, String patientPrefix) {
        return probe.read(topic, r -> r.key() != null && r.key().startsWith(patientPrefix));
    }

    /** One ANC alert for every patient whose low ANC reached the broker. */
    private static int expectedAncAlerts(EventPlan plan, EventSender sender) {
        return (int) plan.events.stream().filter(plan::isLowAnc).filter(e -> sender.acknowledgedKeys.contains(e.idempotencyKey()))
                .map(PlannedEvent::key).distinct().count();
    }

    /** Distinct ANC alerts monitoring-service raised for the scenario's patients. */
    private static int ancAlerts(List<ConsumerRecord<String, String>> monitoringEvents) throws Exception {
        Set<String> alertIds = new HashSet<>();
        for (ConsumerRecord<String, String> record : monitoringEvents) {
            JsonNode event = JSON.readTree(record.value());
            if ("ALERT".equals(event.path("kind").asText()) && "ANC".equals(event.path("analyte").asText())
                    && !event.path("alertId").isMissingNode()) {
                alertIds.add(event.path("alertId").asText());
            }
        }
        return alertIds.size();
    }

    private static int intOption(List<String> arguments, String name, int fallback) {
        int index = arguments.indexOf(name);
        return index >= 0 ? Integer.parseInt(arguments.get(index + 1)) : fallback;
    }
}
