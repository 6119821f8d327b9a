package org.ilsafety.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The whole suite on one machine: infrastructure (embedded or external) plus the three services as
 * child processes, started in order and stopped in reverse.
 */
public final class LocalStack implements AutoCloseable {
    private final Optional<Infrastructure> infrastructure;
    private final String bootstrapServers;
    private final List<ServiceProcess> services;

    private LocalStack(Optional<Infrastructure> infrastructure, String bootstrapServers, List<ServiceProcess> services) {
        this.infrastructure = infrastructure;
        this.bootstrapServers = bootstrapServers;
        this.services = services;
    }

    public static LocalStack start(StackOptions options) {
        Optional<Infrastructure> infrastructure = options.externalKafka().isPresent() && options.externalDatabase().isPresent()
                ? Optional.empty()
                : Optional.of(Infrastructure.start(options.dataDirectory(), options.keepData(), options.postgresPort(),
                        options.kafkaPort(), options.kafkaControllerPort()));
        String bootstrap = options.externalKafka().orElseGet(() -> infrastructure.orElseThrow().bootstrapServers());
        List<ServiceProcess> started = Collections.synchronizedList(new ArrayList<>());
        try {
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (SuiteService service : SuiteService.ALL) {
                int port = options.servicePorts().get(service.name());
                ServiceProcess process = ServiceProcess.start(options.home(), service, port,
                        environment(options, infrastructure, bootstrap, service, port), options.dataDirectory().resolve("logs"));
                started.add(process);
                ready.add(CompletableFuture.runAsync(() -> process.awaitReady(Duration.ofSeconds(180))));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            return new LocalStack(infrastructure, bootstrap, List.copyOf(started));
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::close);
            infrastructure.ifPresent(Infrastructure::close);
            throw e;
        }
    }

    private static Map<String, String> environment(StackOptions options, Optional<Infrastructure> infrastructure,
            String bootstrap, SuiteService service, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SUITE_KNOWLEDGE_DIR", options.home().resolve("seeds/knowledge").toString());
        if (options.externalDatabase().isPresent()) {
            StackOptions.ExternalDatabase db = options.externalDatabase().get();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        } else {
            infrastructure.orElseThrow().quarkusConfigFor(service.name())
                    .forEach((key, value) -> env.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        }
        return env;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Map<String, String> serviceUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach(s -> urls.put(s.service().name(), s.url()));
        return urls;
    }

    public List<ServiceProcess> services() {
        return services;
    }

    public Optional<Infrastructure> infrastructure() {
        return infrastructure;
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        reversed.parallelStream().forEach(ServiceProcess::close);
        infrastructure.ifPresent(Infrastructure::close);
    }
}
