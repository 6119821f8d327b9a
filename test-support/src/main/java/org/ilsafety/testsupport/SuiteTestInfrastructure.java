package org.ilsafety.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.ilsafety.stack.Infrastructure;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real PostgreSQL and Kafka broker for a service's {@code @QuarkusTest}s, the same the run command
 * starts, on free ports and in a temporary folder. Name the service with the init argument
 * {@code service}. {@link #bootstrapServers()} tells tests where the broker is.
 */
public class SuiteTestInfrastructure implements QuarkusTestResourceLifecycleManager {
    private static volatile Infrastructure running;
    private String service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.get("service");
        if (service == null) {
            throw new IllegalArgumentException("SuiteTestInfrastructure needs the init argument 'service'");
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            Path directory = Files.createTempDirectory("suite-test-" + service + "-");
            running = Infrastructure.startIsolated(directory);
            System.setProperty(TestTokens.SECURITY_DIRECTORY_PROPERTY, directory.resolve("security").toString());
            return running.quarkusConfigFor(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    public static String bootstrapServers() {
        if (running == null) {
            throw new IllegalStateException("The test infrastructure is not running");
        }
        return running.bootstrapServers();
    }
}
