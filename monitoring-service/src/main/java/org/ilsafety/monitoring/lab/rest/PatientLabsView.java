package org.ilsafety.monitoring.lab.rest;

import java.time.Instant;
import java.util.List;

/** A patient's stored results, whether they were graded, and what currently holds the plan. */
public record PatientLabsView(String patientId, boolean therapyKnown, String grading, List<Result> results, List<Hold> holds) {

    public record Result(String observationId, String code, String analyte, double value, String unit, Double referenceHigh,
            Double convertedValue, String convertedUnit, Instant observedAt, String status, String context, String band, String action,
            String message, String ruleId, String knowledgeVersion) {
    }

    public record Hold(String cause, String analyte, String action, String ruleId, Instant openedAt) {
    }
}
