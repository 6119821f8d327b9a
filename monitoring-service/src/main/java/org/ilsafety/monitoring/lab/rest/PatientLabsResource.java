package org.ilsafety.monitoring.lab.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.security.Roles;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.monitoring.decision.DecisionService;
import org.ilsafety.monitoring.lab.LabResults;

/** GET /api/v1/patients/{id}/lab-results: the patient view of stored results and their grades. */
@Path("/api/v1/patients/{patientId}/lab-results")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
@Tag(name = "Lab results", description = "A patient's graded lab results")
public class PatientLabsResource {
    private final LabResults results;
    private final ActiveTherapies therapies;
    private final DecisionService decisions;

    public PatientLabsResource(LabResults results, ActiveTherapies therapies, DecisionService decisions) {
        this.results = results;
        this.therapies = therapies;
        this.decisions = decisions;
    }

    @Operation(operationId = "getLabResults", summary = "Read a patient's graded lab results")
    @APIResponse(responseCode = "200", description = "The newest results, graded")
    @GET
    public PatientLabsView get(@PathParam("patientId") String patientId, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit", "must be 1 to 1000");
        }
        boolean known = therapies.find(patientId).isPresent();
        String grading = known ? "Results are graded against the recorded therapy."
                : "No tocilizumab or anakinra therapy is recorded: results are stored but not graded.";
        var items = results.all(patientId, limit).stream().map(r -> new PatientLabsView.Result(r.observationId, r.loinc, r.analyte, r.value,
                r.unit, r.referenceHigh, r.convertedValue, r.convertedUnit, r.observedAt, r.status, r.gradingContext, r.band,
                r.action == null ? null : r.action.name(), r.message, r.provenance().ruleId(), r.provenance().knowledgeVersion())).toList();
        var holds = decisions.holds(patientId).stream()
                .map(h -> new PatientLabsView.Hold(h.cause, h.analyte, h.action.name(), h.provenance().ruleId(), h.openedAt)).toList();
        return new PatientLabsView(patientId, known, grading, items, holds);
    }
}
