package org.ilsafety.common.inbox.rest;

import java.util.List;
import java.util.regex.Pattern;

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
import org.ilsafety.common.inbox.InputRecords;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.security.Roles;

/**
 * What this service received for a patient and what came of each input: APPLIED, IGNORED with its reason
 * code, or DEAD_LETTERED with its reason code; the latest first. An integration team sees a mapping gap here.
 */
@Tag(name = "Inputs", description = "What this service received for a patient and what came of each input")
@Path("/api/v1/patients/{patientId}/inputs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION })
public class InputsResource {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final int MAX_LIMIT = 500;

    private final InputRecords inputs;

    public InputsResource(InputRecords inputs) {
        this.inputs = inputs;
    }

    public record Inputs(String patientId, List<InputRecords.Input> inputs) {
    }

    @Operation(operationId = "listPatientInputs", summary = "List what arrived for a patient: applied, ignored with a reason, or dead-lettered")
    @APIResponse(responseCode = "200", description = "The patient's latest inputs, newest first")
    @GET
    public Inputs list(@PathParam("patientId") String patientId, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (patientId == null || !FHIR_ID.matcher(patientId).matches()) {
            throw ProblemException.badRequest("patientId", "must be a FHIR id (letters, digits, '-', '.'; at most 64)");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new Inputs(patientId, inputs.latest(patientId, limit));
    }
}
