package org.ilsafety.dosing.security;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ilsafety.common.security.Roles;

/**
 * Test-only endpoint with a list field: dosing's own requests hold no list, yet the suite's list limit
 * (a shared ObjectMapper setting) must be proven through this service's HTTP stack. Only in the test
 * application; {@link FuzzedInputApiTest} and {@link AccessControlApiTest} leave it out.
 */
@Path(ListLimitProbeResource.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
public class ListLimitProbeResource {
    static final String PATH = "/api/v1/test-probes/list-limit";

    public record Probe(List<String> administrationIds) {
    }

    @POST
    public int count(Probe probe) {
        return probe == null || probe.administrationIds() == null ? 0 : probe.administrationIds().size();
    }
}
