package org.ilsafety.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One service started in JVM mode from its packaged Quarkus application, awaited until ready. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final SuiteService service;
    private final int replica;
    private final ChildProcess process;
    private final int port;

    private ServiceProcess(SuiteService service, int replica, ChildProcess process, int port) {
        this.service = service;
        this.replica = replica;
        this.process = process;
        this.port = port;
    }

    /** Replica {@code replica} (1-based) of {@code service}; replica 1 logs to {@code <service>.log}, replica k to {@code <service>-k.log}. */
    public static ServiceProcess start(Path home, SuiteService service, int replica, int port, Map<String, String> environment,
            Path logDirectory) {
        Path jar = home.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build the suite first (mvn package -DskipTests)");
        }
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChildProcess child = ChildProcess.start(replicaName(service, replica),
                List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-jar", jar.toString()),
                environment, logDirectory.resolve(replicaName(service, replica) + ".log"));
        return new ServiceProcess(service, replica, child, port);
    }

    /** {@code dosing-service} for the first replica, {@code dosing-service-2} for the second, ... */
    public static String replicaName(SuiteService service, int replica) {
        return replica == 1 ? service.name() : service.name() + "-" + replica;
    }

    public SuiteService service() {
        return service;
    }

    public int replica() {
        return replica;
    }

    public String replicaName() {
        return replicaName(service, replica);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.name() + " exited during start; see " + process.log());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(service.name() + " not ready after " + timeout + "; see " + process.log());
    }

    @Override
    public void close() {
        process.close();
    }
}
