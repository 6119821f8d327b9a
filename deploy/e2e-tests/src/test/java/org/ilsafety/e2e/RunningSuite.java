package org.ilsafety.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ilsafety.stack.ChildProcess;
import org.ilsafety.stack.FreePorts;
import org.ilsafety.stack.SuiteLauncher;
import org.ilsafety.stack.security.KafkaCredentials;
import org.ilsafety.stack.security.LocalIdentityProvider;

/**
 * The suite exactly as the run command starts it (the launcher in its own process, which starts
 * PostgreSQL, the broker and the three packaged services), on free ports and in a temporary folder.
 */
final class RunningSuite implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Path dataDirectory;
    final Path output;
    final int kafkaPort = FreePorts.next();
    final int postgresPort = FreePorts.next();
    final Map<String, Integer> servicePorts = Map.of(
            "dosing-service", FreePorts.next(), "monitoring-service", FreePorts.next(), "interaction-service", FreePorts.next(),
            "hl7-gateway", FreePorts.next());
    final int mllpPort = FreePorts.next();
    final int consolePort = FreePorts.next();
    final Process launcher;
    final double startSeconds;

    RunningSuite(Path dataDirectory, boolean demo) throws IOException, InterruptedException {
        this(dataDirectory, demo, Map.of());
    }

    /** With {@code environment} added to the launcher's, and so to every service's. */
    RunningSuite(Path dataDirectory, boolean demo, Map<String, String> environment) throws IOException, InterruptedException {
        this.dataDirectory = dataDirectory;
        this.output = dataDirectory.resolve("launcher.out");
        Path home = Path.of(System.getProperty("suite.home", "../..")).toAbsolutePath().normalize();
        String version = System.getProperty("suite.version", "0.1.0-SNAPSHOT");
        Path stack = home.resolve("deploy/local-stack/target");
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(),
                "-Dsuite.home=" + home,
                "-Dsuite.kafka.lib=" + home.resolve("deploy/kafka-broker/target/lib"),
                "-cp", stack.resolve("local-stack-" + version + ".jar") + ":" + stack.resolve("lib") + "/*",
                SuiteLauncher.class.getName(),
                "--data-dir", dataDirectory.toString(),
                "--postgres-port", Integer.toString(postgresPort),
                "--kafka-port", Integer.toString(kafkaPort),
                "--kafka-controller-port", Integer.toString(FreePorts.next()),
                "--dosing-port", servicePorts.get("dosing-service").toString(),
                "--monitoring-port", servicePorts.get("monitoring-service").toString(),
                "--interaction-port", servicePorts.get("interaction-service").toString(),
                "--hl7-gateway-port", servicePorts.get("hl7-gateway").toString(),
                "--mllp-port", Integer.toString(mllpPort),
                "--console-port", Integer.toString(consolePort)));
        if (demo) {
            command.add("--demo");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        launcher = builder.start();
        awaitOutput(SuiteLauncher.READY, Duration.ofMinutes(8)); // generous: other builds may share the cores
        startSeconds = (System.nanoTime() - started) / 1e9;
        // the broker's principals' credentials, as the launcher wrote them: TestKafka authenticates with them
        KafkaCredentials.inDirectory(dataDirectory.resolve("security")).register(bootstrapServers());
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    String url(String service) {
        return "http://127.0.0.1:" + servicePorts.get(service);
    }

    /** GET with the launcher's demo clinician token. */
    HttpResponse<String> get(String service, String path) {
        return send(service, "GET", path, null, demoToken("clinician"));
    }

    /** Any request; {@code token} may be null (no Authorization header). */
    HttpResponse<String> send(String service, String method, String path, String jsonBody, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service) + path)).timeout(Duration.ofSeconds(10))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " on " + service + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The token the launcher wrote for {@code role} to the demo tokens file the README names. */
    String demoToken(String role) {
        Path file = dataDirectory.resolve("security").resolve(LocalIdentityProvider.DEMO_TOKENS_FILE);
        try {
            String prefix = role.toUpperCase() + "_TOKEN=";
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("No demo token for " + role + " in " + file));
        } catch (IOException e) {
            throw new IllegalStateException("The launcher wrote no demo tokens file " + file, e);
        }
    }

    void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(output) && Files.readString(output).contains(text)) {
                return;
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("The launcher exited:\n" + Files.readString(output));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("'" + text + "' not printed within " + timeout + ":\n" + Files.readString(output));
    }

    /** SIGTERM to the launcher, as a terminal's Ctrl-C or an init system would send. */
    void terminate() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
            throw new IllegalStateException("The launcher did not stop within 90 s of SIGTERM");
        }
    }

    @Override
    public void close() {
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
    }
}
