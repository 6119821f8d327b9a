package org.ilsafety.interaction.check.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ilsafety.common.security.Roles;
import org.ilsafety.interaction.check.CheckResult;
import org.ilsafety.interaction.check.InteractionChecker;
import org.ilsafety.interaction.check.Today;

/** The stateless check: medicines and vaccines against a therapy described in the request. */
@Path("/api/v1/interaction-checks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
public class InteractionCheckResource {
    private final InteractionChecker checker;
    private final CheckRequestValidator validator;
    private final Today today;

    public InteractionCheckResource(InteractionChecker checker, CheckRequestValidator validator, Today today) {
        this.checker = checker;
        this.validator = validator;
        this.today = today;
    }

    @POST
    public CheckResult check(InteractionCheckBody body) {
        return checker.check(validator.validate(body, today.date()));
    }
}
