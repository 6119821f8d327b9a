package org.ilsafety.interaction.check.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.security.Roles;
import org.ilsafety.interaction.check.CheckResult;
import org.ilsafety.interaction.check.InteractionChecker;
import org.ilsafety.interaction.check.Today;

/** The stateless check: medicines and vaccines against a therapy described in the request. */
@Path("/api/v1/interaction-checks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
@Tag(name = "Interaction checks", description = "Medicines and vaccines checked against a therapy")
public class InteractionCheckResource {
    private final InteractionChecker checker;
    private final CheckRequestValidator validator;
    private final Today today;

    public InteractionCheckResource(InteractionChecker checker, CheckRequestValidator validator, Today today) {
        this.checker = checker;
        this.validator = validator;
        this.today = today;
    }

    @Operation(operationId = "checkInteractions", summary = "Check medicines and vaccines against a therapy")
    @APIResponse(responseCode = "200", description = "The findings, each with its rule, source and knowledge version, and what was not recognized")
    @POST
    public CheckResult check(InteractionCheckBody body) {
        return checker.check(validator.validate(body, today.date()));
    }
}
