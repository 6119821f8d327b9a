package org.ilsafety.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: starts the suite, prints where everything is, and stops every child process on
 * Ctrl-C or SIGTERM. Options: {@code --demo} loads the demo patients; {@code --data-dir DIR}.
 */
public final class SuiteLauncher {
    private SuiteLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = Arrays.asList(args);
        Path home = Path.of(System.getProperty("suite.home", ".")).toAbsolutePath().normalize();
        StackOptions options = StackOptions.defaults(home, System.getenv()).withDemoPatients(arguments.contains("--demo"));
        int dataDirFlag = arguments.indexOf("--data-dir");
        if (dataDirFlag >= 0 && dataDirFlag + 1 < arguments.size()) {
            Path dataDirectory = Path.of(arguments.get(dataDirFlag + 1)).toAbsolutePath();
            options = new StackOptions(home, dataDirectory, true, options.postgresPort(), options.kafkaPort(),
                    options.kafkaControllerPort(), options.servicePorts(), options.loadDemoPatients(), options.externalKafka(),
                    options.externalDatabase());
        }
        long started = System.nanoTime();
        System.out.println("Starting PostgreSQL, Kafka and the three services (data in " + options.dataDirectory() + ") ...");
        LocalStack stack = LocalStack.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the suite ...");
            stack.close();
            stopped.countDown();
        }, "suite-shutdown"));
        System.out.printf("Suite ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.out.println("  Kafka bootstrap   " + stack.bootstrapServers());
        stack.infrastructure().ifPresent(i -> System.out.println("  PostgreSQL        " + i.jdbcUrl()));
        stack.serviceUrls().forEach((name, url) -> System.out.printf("  %-19s %s  (health %s/q/health, API %s/q/openapi)%n",
                name, url, url, url));
        System.out.println("  Logs              " + options.dataDirectory().resolve("logs"));
        if (options.loadDemoPatients()) {
            int sent = DemoPatients.publish(home.resolve("seeds/demo"), stack.bootstrapServers());
            System.out.println("  Demo patients     " + sent + " FHIR resources sent to patient-events");
        }
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
