package org.ilsafety.stack.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ilsafety.common.events.Topics;

/**
 * A client of the suite's broker and what the broker's ACLs let it do: the topics it may write, the
 * topics it may read (with consumer groups whose names start with its group prefix). Anything else is
 * refused by the broker.
 */
public record KafkaPrincipal(String name, List<String> writes, List<String> reads, Optional<String> groupPrefix) {
    /** Reads every topic of the cluster. */
    public static final String EVERY_TOPIC = "*";

    public static final String INTEGRATION = "integration";
    public static final String OPERATIONS = "operations";
    public static final String HL7_GATEWAY = "hl7-gateway";
    public static final String CONSOLE = "console";

    /** Every principal the run command and the tests create, in this order. */
    public static final List<KafkaPrincipal> ALL = List.of(
            service("dosing-service", Topics.PATIENT_EVENTS, Topics.MONITORING_EVENTS),
            service("monitoring-service", Topics.PATIENT_EVENTS, Topics.THERAPY_PLAN_EVENTS),
            service("interaction-service", Topics.PATIENT_EVENTS, Topics.THERAPY_PLAN_EVENTS),
            new KafkaPrincipal(INTEGRATION, List.of(Topics.PATIENT_EVENTS), List.of(), Optional.empty()),
            new KafkaPrincipal(HL7_GATEWAY, List.of(Topics.PATIENT_EVENTS), List.of(), Optional.empty()),
            new KafkaPrincipal(CONSOLE, List.of(), consoleReads(), Optional.of(CONSOLE)),
            new KafkaPrincipal(OPERATIONS, List.of(), List.of(EVERY_TOPIC), Optional.of(OPERATIONS)));

    /**
     * A service of the suite: writes its own outbound topic (the one whose {@code ce_source} it is) and
     * the dead-letter topics, reads what it consumes, in consumer groups named after itself.
     */
    static KafkaPrincipal service(String name, String... consumes) {
        List<String> writes = new ArrayList<>();
        Topics.PRIMARY.stream().filter(t -> Topics.producerOf(t).filter(name::equals).isPresent()).forEach(writes::add);
        Topics.PRIMARY.stream().map(Topics::deadLetter).forEach(writes::add);
        return new KafkaPrincipal(name, List.copyOf(writes), List.of(consumes), Optional.of(name));
    }

    private static List<String> consoleReads() {
        List<String> reads = new ArrayList<>(List.of(Topics.MONITORING_EVENTS, Topics.INTERACTION_FINDINGS));
        Topics.PRIMARY.stream().map(Topics::deadLetter).forEach(reads::add);
        return List.copyOf(reads);
    }

    public static KafkaPrincipal named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Kafka principal " + name));
    }

    /** The principal that may write {@code topic} for tests that publish as its producer would; empty if none. */
    public static Optional<KafkaPrincipal> ownerOf(String topic) {
        if (Topics.isDeadLetter(topic)) {
            return Optional.empty();
        }
        String owner = Topics.producerOf(topic).orElse(Topics.PATIENT_EVENTS.equals(topic) ? INTEGRATION : null);
        return Optional.ofNullable(owner).map(KafkaPrincipal::named);
    }
}
