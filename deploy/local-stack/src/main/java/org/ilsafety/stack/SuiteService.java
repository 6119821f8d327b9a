package org.ilsafety.stack;

import java.util.List;

/** The three services of the suite and their default HTTP ports; the HL7 v2 gateway beside them. */
public record SuiteService(String name, int defaultPort) {
    public static final List<SuiteService> ALL = List.of(
            new SuiteService("dosing-service", 8081),
            new SuiteService("monitoring-service", 8082),
            new SuiteService("interaction-service", 8083));
    /** HL7 v2 over MLLP to patient-events; HTTP for health and metrics, MLLP on {@link #HL7_MLLP_PORT}. */
    public static final SuiteService HL7_GATEWAY = new SuiteService("hl7-gateway", 8084);
    public static final int HL7_MLLP_PORT = 2575;
    /** Everything the run command starts, each with its own database schema. */
    public static final List<SuiteService> STARTED = List.of(ALL.get(0), ALL.get(1), ALL.get(2), HL7_GATEWAY);
}
