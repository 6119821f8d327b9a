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
    private final ChildProcess process;
    private final int port;

    private ServiceProcess(SuiteService service, ChildProcess process, int port) {
        this.service = service;
        this.process = process;
        this.port = port;
    }

    public static ServiceProcess start(Path home, SuiteService service, int port, Map<String, String> environment, Path logDirectory) {
        Path jar = home.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build the suite first (mvn package -DskipTests)");
        }
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChildProcess child = ChildProcess.start(service.name(),
                List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-jar", jar.toString()),
                environment, logDirectory.resolve(service.name() + ".log"));
        return new ServiceProcess(service, child, port);
    }

    public SuiteService service() {
        return service;
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
