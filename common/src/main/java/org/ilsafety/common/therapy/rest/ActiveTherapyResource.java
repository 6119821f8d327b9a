package org.ilsafety.common.therapy.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
public class ActiveTherapyResource {
    private final ActiveTherapies therapies;

    public ActiveTherapyResource(ActiveTherapies therapies) {
        this.therapies = therapies;
    }

    @GET
    public ActiveTherapy get(@PathParam("patientId") String patientId) {
        return therapies.find(patientId).orElseThrow(() -> ProblemException.notFound("No interleukin-blocking therapy recorded for this patient"));
    }
}
