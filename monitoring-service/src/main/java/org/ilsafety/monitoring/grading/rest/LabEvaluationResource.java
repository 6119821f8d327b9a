package org.ilsafety.monitoring.grading.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.security.Roles;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.monitoring.grading.LabEvaluator;
import org.ilsafety.monitoring.grading.LabValue;
import org.ilsafety.monitoring.grading.Therapy;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;

/** Stateless grading of lab results against the label. */
@Path("/api/v1/lab-evaluations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
@Tag(name = "Lab evaluation", description = "Lab values graded against the label's thresholds")
public class LabEvaluationResource {
    private final LabEvaluator evaluator;
    private final MonitoringKnowledge knowledge;

    public LabEvaluationResource(LabEvaluator evaluator, MonitoringKnowledge knowledge) {
        this.evaluator = evaluator;
        this.knowledge = knowledge;
    }

    @Operation(operationId = "evaluateLabs", summary = "Grade lab values against the label")
    @APIResponse(responseCode = "200", description = "Each value graded, with the action and its rule")
    @POST
    public LabEvaluationResponse evaluate(@Valid @NotNull LabEvaluationRequest request) {
        for (int i = 0; i < request.results().size(); i++) {
            LabEvaluationRequest.Result result = request.results().get(i);
            if (!Double.isFinite(result.value())) {
                throw ProblemException.badRequest("results[" + i + "].value", "must be a finite number");
            }
            if (result.referenceHigh() != null && !Double.isFinite(result.referenceHigh())) {
                throw ProblemException.badRequest("results[" + i + "].referenceHigh", "must be a finite number");
            }
        }
        var evaluation = evaluator.evaluate(new Therapy(request.drug(), request.indication(), request.route(), request.context()),
                request.results().stream().map(r -> new LabValue(r.code(), r.value(), r.unit(), r.referenceHigh(), null)).toList());
        return new LabEvaluationResponse(evaluation.action(), evaluation.requiresIndividualReview(), evaluation.graded(),
                evaluation.findings(), knowledge.labRules().version());
    }
}
