package org.ilsafety.stack;

import java.util.List;

/** The three services of the suite and their default HTTP ports. */
public record SuiteService(String name, int defaultPort) {
    public static final List<SuiteService> ALL = List.of(
            new SuiteService("dosing-service", 8081),
            new SuiteService("monitoring-service", 8082),
            new SuiteService("interaction-service", 8083));
}
