package org.ilsafety.common.inbox;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.inbox.InboundProcessor.Outcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** The counters of consumed records and of their inputs, by what came of them. */
@ApplicationScoped
public class InputMeters {
    private static final String NO_REASON = "none";

    private final MeterRegistry registry;
    private final String service;

    public InputMeters(MeterRegistry registry, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.registry = registry;
        this.service = service;
    }

    /** The inputs counter shows at zero from the start, for each outcome of the inbound topic. */
    void registerInputsMetric(@Observes StartupEvent start) {
        for (Outcome outcome : Outcome.values()) {
            inputs(Topics.PATIENT_EVENTS, outcome, null);
        }
    }

    /** One consumed record (topic, outcome). */
    void countRecord(String topic, Outcome outcome) {
        registry.counter("suite.inbound.events", "topic", topic, "outcome", outcome.name()).increment();
    }

    /** One input of a record, with its reason code when it has one. */
    void countInput(String topic, Outcome outcome, String reason) {
        inputs(topic, outcome, reason).increment();
    }

    MeterRegistry registry() {
        return registry;
    }

    private Counter inputs(String topic, Outcome outcome, String reason) {
        return Counter.builder(InboundProcessor.INPUTS_METRIC).description("Consumed inputs by what came of them")
                .tags("service", service, "topic", topic, "outcome", outcome.name().toLowerCase(Locale.ROOT),
                        "reason", reason == null ? NO_REASON : reason)
                .register(registry);
    }
}
