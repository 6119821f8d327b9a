package org.ilsafety.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.ilsafety.stack.security.KafkaPrincipal;

/**
 * The run command: starts the suite, prints where everything is, and stops every child process on
 * Ctrl-C or SIGTERM. See {@link LauncherArguments#USAGE} for the options.
 */
public final class SuiteLauncher {
    /** Printed once every service is ready; tests and scripts wait for it. */
    public static final String READY = "Suite ready";

    private SuiteLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(LauncherArguments.USAGE);
            return;
        }
        Path home = Path.of(System.getProperty("suite.home", ".")).toAbsolutePath().normalize();
        StackOptions options;
        try {
            options = LauncherArguments.parse(Arrays.asList(args), home, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LauncherArguments.USAGE);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        System.out.println("Starting PostgreSQL, Kafka, the three services and the HL7 v2 gateway (data in " + options.dataDirectory() + ") ...");
        LocalStack stack = LocalStack.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<ServiceProcess> console = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the suite ...");
            Optional.ofNullable(console.get()).ifPresent(ServiceProcess::close);
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "suite-shutdown"));
        // written before the ready line: whoever waits for it (a script, the end-to-end tests) reads the tokens next
        Path tokens = stack.infrastructure().identityProvider().writeDemoTokens(Duration.ofHours(12));
        System.out.printf("%s in %.1f s%n", READY, (System.nanoTime() - started) / 1e9);
        System.out.println("  Kafka bootstrap      " + stack.bootstrapServers());
        if (stack.infrastructure().embeddedKafka().isPresent()) {
            var credentials = stack.infrastructure().kafkaCredentials();
            System.out.println("  Kafka clients        SASL/SCRAM with ACLs; settings per principal in "
                    + credentials.clientFile(KafkaPrincipal.INTEGRATION).getParent() + "/kafka-<principal>.properties");
            System.out.println("                       kafka-console-producer.sh --bootstrap-server " + stack.bootstrapServers()
                    + " --producer.config " + credentials.clientFile(KafkaPrincipal.INTEGRATION) + " --topic patient-events");
            System.out.println("                       kafka-console-consumer.sh --bootstrap-server " + stack.bootstrapServers()
                    + " --consumer.config " + credentials.clientFile(KafkaPrincipal.OPERATIONS) + " --topic monitoring-events --from-beginning");
        }
        stack.infrastructure().jdbcUrl().ifPresent(url -> System.out.println("  PostgreSQL           " + url));
        stack.serviceUrls().forEach((name, url) -> {
            if (name.equals(SuiteService.HL7_GATEWAY.name())) {
                System.out.printf("  %-20s MLLP %s   health %s/q/health   metrics %s/q/metrics%n", name, stack.mllpAddress(), url, url);
            } else {
                System.out.printf("  %-20s %s   health %s/q/health   API %s/q/openapi%n", name, url, url, url);
            }
        });
        System.out.println("  Logs                 " + options.dataDirectory().resolve("logs"));
        int consolePort = options.servicePorts().getOrDefault(ConsoleProcess.NAME, ConsoleProcess.DEFAULT_PORT);
        try {
            ConsoleProcess.start(home, consolePort, stack.serviceUrls(), tokens, options.dataDirectory().resolve("logs"))
                    .ifPresentOrElse(process -> {
                        console.set(process);
                        System.out.println("  Console              " + process.url() + "/ (sign in with a demo role)");
                    }, () -> System.out.println("  Console              NOT STARTED: console/target/quarkus-app is missing (mvn package)"));
        } catch (RuntimeException e) {
            System.out.println("  Console              NOT STARTED: " + e.getMessage());
        }
        String monitoring = stack.serviceUrls().get("monitoring-service");
        System.out.println("  Demo tokens          " + tokens + " (one per role: clinician, pharmacist, integration, dashboard; 12 h)");
        System.out.println("                       source " + tokens + " && curl -H \"Authorization: Bearer $CLINICIAN_TOKEN\" "
                + monitoring + "/api/v1/alerts");
        if (options.loadDemoPatients()) {
            int sent = DemoPatients.publish(home.resolve("seeds/demo"), stack.bootstrapServers());
            System.out.println("  Demo patients        " + sent + " FHIR resources sent to patient-events");
        }
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
    }
}
