package org.ilsafety.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole suite on one machine: infrastructure (embedded or external) plus the three services as
 * child processes, started in order and stopped in reverse.
 */
public final class LocalStack implements AutoCloseable {
    /** The Kafka channels each service consumes with several consumers (its {@code concurrency} setting). */
    private static final Map<String, List<String>> CONSUMED_CHANNELS = Map.of(
            "dosing-service", List.of("patient-events", "monitoring-events"),
            "monitoring-service", List.of("patient-events"),
            "interaction-service", List.of("patient-events", "therapy-plan-events"));

    private final Infrastructure infrastructure;
    private final StackOptions options;
    private final List<ServiceProcess> services;

    private LocalStack(Infrastructure infrastructure, StackOptions options, List<ServiceProcess> services) {
        this.infrastructure = infrastructure;
        this.options = options;
        this.services = new java.util.concurrent.CopyOnWriteArrayList<>(services);
    }

    public static LocalStack start(StackOptions options) {
        Infrastructure infrastructure = Infrastructure.start(options.dataDirectory(), options.keepData(), options.postgresPort(),
                options.kafkaPort(), options.kafkaControllerPort(), options.brokers(), options.externalKafka(),
                options.externalDatabase().isEmpty());
        List<ServiceProcess> started = Collections.synchronizedList(new ArrayList<>());
        try {
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (SuiteService service : SuiteService.STARTED) {
                int replicas = SuiteService.ALL.contains(service) ? options.replicas() : 1;
                for (int replica = 1; replica <= replicas; replica++) {
                    int port = replica == 1 ? options.servicePorts().get(service.name()) : FreePorts.next();
                    ServiceProcess process = startService(options, infrastructure, service, replica, port);
                    started.add(process);
                    ready.add(CompletableFuture.runAsync(() -> process.awaitReady(Duration.ofSeconds(180))));
                }
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            return new LocalStack(infrastructure, options, List.copyOf(started));
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::close);
            infrastructure.close();
            throw e;
        }
    }

    private static ServiceProcess startService(StackOptions options, Infrastructure infrastructure, SuiteService service, int replica,
            int port) {
        return ServiceProcess.start(options.home(), service, replica, port, environment(options, infrastructure, service, replica, port),
                options.dataDirectory().resolve("logs"));
    }

    /** {@code kill -9} of one replica ({@code dosing-service}, {@code dosing-service-2}, ...), for fault tests. */
    public void kill(String replicaName) {
        replica(replicaName).process().kill();
    }

    /** Graceful stop (SIGTERM) of one replica. */
    public void stop(String replicaName) {
        replica(replicaName).close();
    }

    /** Starts a stopped or killed replica again, on its port, and waits until it is ready. */
    public void restart(String replicaName) {
        ServiceProcess old = replica(replicaName);
        old.close();
        ServiceProcess fresh = startService(options, infrastructure, old.service(), old.replica(), old.port());
        services.set(services.indexOf(old), fresh);
        fresh.awaitReady(Duration.ofSeconds(180));
    }

    private ServiceProcess replica(String replicaName) {
        return services.stream().filter(s -> s.replicaName().equals(replicaName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service replica " + replicaName));
    }

    private static Map<String, String> environment(StackOptions options, Infrastructure infrastructure, SuiteService service,
            int replica, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("SUITE_KNOWLEDGE_DIR", options.home().resolve("seeds/knowledge").toString());
        if (service.equals(SuiteService.HL7_GATEWAY)) {
            env.put("HL7_MLLP_PORT", Integer.toString(options.mllpPort()));
        }
        options.externalDatabase().ifPresent(db -> {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        });
        infrastructure.quarkusConfigFor(service.name())
                .forEach((key, value) -> env.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        if (options.replicas() > 1) {
            // replicas x consumers per replica must not exceed the partitions, or the extra consumers idle
            String concurrency = Integer.toString(Math.max(1, Infrastructure.PARTITIONS / options.replicas()));
            CONSUMED_CHANNELS.getOrDefault(service.name(), List.of()).forEach(channel ->
                    env.put("MP_MESSAGING_INCOMING_" + channel.toUpperCase().replace('-', '_') + "_CONCURRENCY", concurrency));
        }
        // Each replica's database sessions carry its name (pg_stat_activity.application_name), so a fault test can tell
        // which replica holds a lock.
        env.computeIfPresent("QUARKUS_DATASOURCE_JDBC_URL", (key, url) -> url + (url.contains("?") ? "&" : "?") + "ApplicationName="
                + ServiceProcess.replicaName(service, replica));
        return env;
    }

    /** Where HL7 v2 senders connect (MLLP). */
    public String mllpAddress() {
        return "127.0.0.1:" + options.mllpPort();
    }

    public String bootstrapServers() {
        return infrastructure.bootstrapServers();
    }

    /** Each service's first replica. */
    public Map<String, String> serviceUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach(s -> urls.putIfAbsent(s.service().name(), s.url()));
        return urls;
    }

    public List<ServiceProcess> services() {
        return services;
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        reversed.parallelStream().forEach(ServiceProcess::close);
        infrastructure.close();
    }
}
