package org.ilsafety.monitoring.grading.rest;

import java.util.List;

import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.grading.Finding;

/** The most severe action of the findings, and one finding per result (in request order). */
public record LabEvaluationResponse(Action action, boolean requiresIndividualReview, int graded, List<Finding> findings,
        String knowledgeVersion) {
}
