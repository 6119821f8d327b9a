package org.ilsafety.common.therapy.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.security.Roles;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;

import io.quarkus.arc.properties.IfBuildProperty;

/** The patient's therapy as this service knows it. */
@Path("/api/v1/patients/{patientId}/therapy")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "suite.active-therapy", stringValue = "enabled")
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION })
@Tag(name = "Therapy", description = "The interleukin-blocking therapy this service knows for a patient")
public class ActiveTherapyResource {
    private final ActiveTherapies therapies;

    public ActiveTherapyResource(ActiveTherapies therapies) {
        this.therapies = therapies;
    }

    @Operation(operationId = "getActiveTherapy", summary = "Read a patient's active therapy as this service knows it")
    @APIResponse(responseCode = "200", description = "The therapy, its status and last dose")
    @APIResponse(responseCode = "404", description = "No interleukin-blocking therapy recorded for this patient")
    @GET
    public ActiveTherapy get(@PathParam("patientId") String patientId) {
        return therapies.find(patientId).orElseThrow(() -> ProblemException.notFound("No interleukin-blocking therapy recorded for this patient"));
    }
}
