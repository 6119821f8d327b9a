package org.ilsafety.common.events;

import java.util.List;

/** Kafka topic names shared by the services, their tests and the local stack. */
public final class Topics {
    /** Inbound FHIR R4 resources from the hospital integration bus, keyed by patient id. */
    public static final String PATIENT_EVENTS = "patient-events";
    /** dosing-service: therapy plan changes, keyed by patient id. */
    public static final String THERAPY_PLAN_EVENTS = "therapy-plan-events";
    /** monitoring-service: lab decisions and alerts, keyed by patient id. */
    public static final String MONITORING_EVENTS = "monitoring-events";
    /** interaction-service: FHIR R4 DetectedIssue findings, keyed by patient id. */
    public static final String INTERACTION_FINDINGS = "interaction-findings";

    public static final List<String> PRIMARY = List.of(PATIENT_EVENTS, THERAPY_PLAN_EVENTS, MONITORING_EVENTS, INTERACTION_FINDINGS);

    private Topics() {
    }

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static boolean isDeadLetter(String topic) {
        return topic.endsWith(DEAD_LETTER_SUFFIX);
    }

    /**
     * The service that alone publishes on a topic of the suite (its {@code ce_source}); empty for
     * {@code patient-events} (the hospital's integration bus) and the dead-letter topics.
     */
    public static java.util.Optional<String> producerOf(String topic) {
        return java.util.Optional.ofNullable(switch (topic) {
            case THERAPY_PLAN_EVENTS -> "dosing-service";
            case MONITORING_EVENTS -> "monitoring-service";
            case INTERACTION_FINDINGS -> "interaction-service";
            default -> null;
        });
    }

    /** Every topic the suite uses, dead-letter topics included. */
    public static List<String> all() {
        return PRIMARY.stream().flatMap(t -> java.util.stream.Stream.of(t, deadLetter(t))).toList();
    }
}
