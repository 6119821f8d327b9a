package org.ilsafety.interaction.cds.client.rest;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.ilsafety.common.problem.Problem;
import org.ilsafety.common.security.Caller;
import org.ilsafety.common.security.CurrentCaller;
import org.ilsafety.common.security.Roles;
import org.ilsafety.interaction.cds.client.CallingEhr;
import org.ilsafety.interaction.cds.client.CdsClient;
import org.ilsafety.interaction.cds.client.CdsTokenVerifier;
import org.ilsafety.interaction.cds.client.ServiceUrls;
import org.ilsafety.interaction.cds.client.TokenRejected;
import org.ilsafety.interaction.cds.client.TokenReplayGuard;
import org.jboss.logging.Logger;

/**
 * Authenticates every CDS Hooks request (discovery, service calls, feedback) by the EHR's JWT before
 * anything else runs: on success the caller is {@code <issuer>|<client id>} with the integration role (the
 * audit trail names the EHR); on failure 401 problem+json with {@code WWW-Authenticate: Bearer} and the
 * failed check.
 */
@Provider
@CdsClientAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class CdsClientFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(CdsClientFilter.class);

    private final CdsTokenVerifier verifier;
    private final CurrentCaller caller;
    private final ServiceUrls urls;
    private final CallingEhr ehr;

    public CdsClientFilter(CdsTokenVerifier verifier, CurrentCaller caller, ServiceUrls urls, CallingEhr ehr) {
        this.verifier = verifier;
        this.caller = caller;
        this.urls = urls;
        this.ehr = ehr;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        try {
            CdsClient client = verifier.verify(request.getHeaderString(HttpHeaders.AUTHORIZATION), audiences(request), Instant.now());
            caller.establish(new Caller(client.subject(), Set.of(Roles.INTEGRATION)));
            ehr.set(client);
        } catch (TokenRejected rejected) {
            caller.establish(Caller.ANONYMOUS);
            LOG.debugf("CDS Hooks request refused: %s", rejected.getMessage());
            request.abortWith(Response.fromResponse(Problem.of(401, "Unauthorized",
                    "CDS Hooks client token refused: " + rejected.getMessage(), path).toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        } catch (TokenReplayGuard.ReplayCheckUnavailable unavailable) {
            caller.establish(Caller.ANONYMOUS);
            LOG.warn(unavailable.getMessage());
            request.abortWith(Response.fromResponse(Problem.of(503, "Service Unavailable",
                    "The CDS Hooks client token cannot be checked now; retry", path).toResponse())
                    .header(HttpHeaders.RETRY_AFTER, 5).build());
        }
    }

    /** The URLs a token's {@code aud} may name for the endpoint called. */
    private List<String> audiences(ContainerRequestContext request) {
        String serviceId = request.getUriInfo().getPathParameters().getFirst("serviceId");
        if (serviceId == null) {
            return urls.discovery();
        }
        return request.getUriInfo().getPath().endsWith("/feedback") ? urls.feedback(serviceId) : urls.service(serviceId);
    }
}
