package org.ilsafety.common.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.ilsafety.common.inbox.InboundProcessor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * The suite's own meters: each with its help text and unit (the unit becomes the Prometheus name's suffix,
 * before {@code _total} for counters), the inbound counters registered at zero for every consumed topic (so a
 * dashboard shows 0, not "no data", before the first retry or dead letter), and latency histograms for HTTP
 * requests (for {@code histogram_quantile} over {@code http_server_requests_seconds_bucket}).
 */
@Singleton
public class SuiteMeters implements MeterFilter {
    /** Meter name to {help, unit}. A suite meter missing here still gets a unit suffix check in the Prometheus test. */
    static final Map<String, String[]> CATALOG = Map.of(
            "suite.inbound.events", new String[] { "Inbound Kafka records by topic and outcome (APPLIED, DUPLICATE, DEAD_LETTERED)", "events" },
            "suite.inbound.retries", new String[] { "Transient failures (database or broker down, lock conflict) retried before a record was applied", "retries" },
            "suite.inputs", new String[] { "Inputs each consumer took, by topic, outcome (applied, ignored, dead_lettered, duplicate) and reason", "inputs" },
            "suite.outbox.relayed", new String[] { "Outbox events acknowledged by Kafka", "events" },
            "suite.outbox.pending", new String[] { "Outbox events committed but not yet acknowledged by Kafka", "events" });

    /** Bucket bounds of the HTTP latency histogram: a dozen series per endpoint, enough for p50 to p99. */
    private static final double[] HTTP_BUCKETS = java.util.stream.Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000)
            .mapToDouble(millis -> Duration.ofMillis(millis).toNanos()).toArray();

    @Override
    public Meter.Id map(Meter.Id id) {
        String[] entry = CATALOG.get(id.getName());
        if (entry == null) {
            return id;
        }
        return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()), entry[1], entry[0], id.getType());
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals("http.server.requests")) {
            return config;
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(HTTP_BUCKETS).build().merge(config);
    }

    /** Every topic this service consumes (mp.messaging.incoming.*.topic) gets its inbound counters at zero. */
    void registerAtZero(@Observes StartupEvent started, MeterRegistry registry, Config config) {
        TreeSet<String> topics = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".topic")) {
                config.getOptionalValue(name, String.class).ifPresent(topics::add);
            }
        }
        for (String topic : topics) {
            for (InboundProcessor.Outcome outcome : InboundProcessor.Outcome.values()) {
                Counter.builder("suite.inbound.events").tags("topic", topic, "outcome", outcome.name()).register(registry);
            }
            Counter.builder("suite.inbound.retries").tags("topic", topic).register(registry);
        }
    }
}
