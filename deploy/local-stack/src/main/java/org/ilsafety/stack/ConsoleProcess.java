package org.ilsafety.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web console ({@code console/}) beside the services: it reads their REST APIs with the signed-in
 * person's token and offers the demo roles of {@code demo-tokens.env} on its sign-in page.
 */
public final class ConsoleProcess {
    public static final String NAME = "console";
    public static final int DEFAULT_PORT = 8080;

    private ConsoleProcess() {
    }

    /** Starts the console and waits until it is ready; empty when it was not built (say so, never silently). */
    public static Optional<ServiceProcess> start(Path home, int port, Map<String, String> serviceUrls, Path demoTokens, Path logDirectory) {
        if (!Files.isRegularFile(home.resolve(NAME).resolve("target/quarkus-app/quarkus-run.jar"))) {
            return Optional.empty();
        }
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SUITE_CONSOLE_DOSING_URL", serviceUrls.get("dosing-service"));
        env.put("SUITE_CONSOLE_MONITORING_URL", serviceUrls.get("monitoring-service"));
        env.put("SUITE_CONSOLE_INTERACTION_URL", serviceUrls.get("interaction-service"));
        env.put("SUITE_CONSOLE_DEMO_TOKENS_FILE", demoTokens.toAbsolutePath().toString());
        ServiceProcess console = ServiceProcess.start(home, new SuiteService(NAME, DEFAULT_PORT), 1, port, env, logDirectory);
        try {
            console.awaitReady(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            console.close();
            throw e;
        }
        return Optional.of(console);
    }
}
