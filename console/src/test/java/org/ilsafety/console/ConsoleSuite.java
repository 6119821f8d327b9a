package org.ilsafety.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ilsafety.stack.ChildProcess;
import org.ilsafety.stack.FreePorts;
import org.ilsafety.stack.SuiteLauncher;
import org.ilsafety.stack.security.LocalIdentityProvider;

/**
 * The suite exactly as the run command starts it, console included (the launcher in its own process,
 * which starts PostgreSQL, the broker, the three packaged services and the packaged console), on free
 * ports and in a temporary folder, with the demo patients.
 */
final class ConsoleSuite implements AutoCloseable {
    private static final Pattern CONSOLE_LINE = Pattern.compile("Console\\s+(\\S+)/ ");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Path dataDirectory;
    final int kafkaPort = FreePorts.next();
    final int monitoringPort = FreePorts.next();
    final int interactionPort = FreePorts.next();
    final String consoleUrl;
    private final Path output;
    private final Process launcher;

    ConsoleSuite(Path dataDirectory) throws IOException, InterruptedException {
        this.dataDirectory = dataDirectory;
        this.output = dataDirectory.resolve("launcher.out");
        Path home = Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
        String version = System.getProperty("suite.version", "0.1.0-SNAPSHOT");
        Path stack = home.resolve("deploy/local-stack/target");
        ProcessBuilder builder = new ProcessBuilder(List.of(ChildProcess.javaExecutable(), "-Dsuite.home=" + home,
                "-Dsuite.kafka.lib=" + home.resolve("deploy/kafka-broker/target/lib"),
                "-cp", stack.resolve("local-stack-" + version + ".jar") + ":" + stack.resolve("lib") + "/*",
                SuiteLauncher.class.getName(), "--demo", "--data-dir", dataDirectory.toString(),
                "--postgres-port", Integer.toString(FreePorts.next()), "--kafka-port", Integer.toString(kafkaPort),
                "--kafka-controller-port", Integer.toString(FreePorts.next()), "--dosing-port", Integer.toString(FreePorts.next()),
                "--monitoring-port", Integer.toString(monitoringPort), "--interaction-port", Integer.toString(interactionPort),
                "--console-port", Integer.toString(FreePorts.next())))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        launcher = builder.start();
        String printed;
        try {
            printed = awaitOutput("Press Ctrl-C", Duration.ofMinutes(10));
        } catch (IllegalStateException e) {
            keepLogs();
            throw e;
        }
        Matcher console = CONSOLE_LINE.matcher(printed);
        if (!printed.contains(SuiteLauncher.READY) || !console.find()) {
            keepLogs();
            throw new IllegalStateException("The run command did not start the console:\n" + printed);
        }
        consoleUrl = console.group(1);
    }

    /**
     * A start that failed leaves the launcher's output and every service's log in {@code target/console-suite-logs},
     * since the data folder is a temporary one the test deletes.
     */
    private void keepLogs() {
        Path kept = Path.of("target", "console-suite-logs").toAbsolutePath();
        try {
            Files.createDirectories(kept);
            List<Path> logs = new java.util.ArrayList<>(List.of(output, dataDirectory.resolve("broker.log")));
            if (Files.isDirectory(dataDirectory.resolve("logs"))) {
                try (var files = Files.list(dataDirectory.resolve("logs"))) {
                    files.forEach(logs::add);
                }
            }
            for (Path log : logs) {
                if (Files.isRegularFile(log)) {
                    Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.err.println("The launcher's output and the service logs are kept in " + kept);
        } catch (IOException e) {
            System.err.println("Could not keep the logs: " + e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The token the launcher wrote for {@code role}. */
    String demoToken(String role) throws IOException {
        String prefix = role.toUpperCase() + "_TOKEN=";
        return Files.readAllLines(dataDirectory.resolve("security").resolve(LocalIdentityProvider.DEMO_TOKENS_FILE)).stream()
                .filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length())).findFirst().orElseThrow();
    }

    /** GET on monitoring-service with a demo role's token. */
    String monitoring(String path, String role) throws IOException, InterruptedException {
        return get(monitoringPort, path, role);
    }

    /** GET on interaction-service with a demo role's token. */
    String interaction(String path, String role) throws IOException, InterruptedException {
        return get(interactionPort, path, role);
    }

    private String get(int port, String path, String role) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + demoToken(role)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String printed = Files.exists(output) ? Files.readString(output) : "";
            if (printed.contains(text)) {
                return printed;
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("The launcher exited:\n" + printed);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("'" + text + "' not printed within " + timeout + ":\n" + Files.readString(output));
    }

    @Override
    public void close() {
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
    }
}
