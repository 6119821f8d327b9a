package org.ilsafety.interaction.cds.rest;

import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.ilsafety.common.audit.AuditNotes;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.common.openapi.ApiConventions;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.interaction.cds.CdsFeedbackService;
import org.ilsafety.interaction.cds.CdsHookService;
import org.ilsafety.interaction.cds.CdsModel;
import org.ilsafety.interaction.cds.CdsServiceCatalog;
import org.ilsafety.interaction.cds.PrefetchMissing;
import org.ilsafety.interaction.cds.client.rest.CdsClientAuthenticated;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** CDS Hooks 2.0: discovery, the order-select and order-sign services, and feedback. */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
@CdsClientAuthenticated
// Not open: CdsClientFilter refuses every request without a valid token of an allow-listed EHR (401) before
// any method runs. The EHR's token is not one of the suite's identity provider, so the role check of the
// suite's tokens cannot apply; the filter establishes the EHR as an integration caller instead.
@PermitAll
@Tag(name = "CDS Hooks", description = "CDS Hooks 2.0 services for the EHR: discovery, order-select, order-sign and feedback")
@SecurityRequirement(name = ApiConventions.EHR_SCHEME)
public class CdsHooksResource {
    private static final Pattern UUID_SHAPE = Pattern.compile("(urn:uuid:)?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final CdsServiceCatalog catalog;
    private final CdsHookService hooks;
    private final CdsFeedbackService feedback;
    private final Fhir fhir;
    private final AuditNotes audit;

    public CdsHooksResource(CdsServiceCatalog catalog, CdsHookService hooks, CdsFeedbackService feedback, Fhir fhir, AuditNotes audit) {
        this.catalog = catalog;
        this.hooks = hooks;
        this.feedback = feedback;
        this.fhir = fhir;
        this.audit = audit;
    }

    @Operation(operationId = "discoverCdsServices", summary = "List the CDS services (CDS Hooks discovery)")
    @APIResponse(responseCode = "200", description = "The services with their hooks and prefetch templates")
    @GET
    public CdsModel.Discovery discovery() {
        return catalog.discovery();
    }

    @Operation(operationId = "callCdsService", summary = "Call a CDS service for a hook")
    @APIResponse(responseCode = "200", description = "The cards (possibly none). Prefetch the EHR did not send (an absent key or an "
            + "OperationOutcome) is fetched from fhirServer with fhirAuthorization's access token; when that fetch fails (timeout, HTTP error, "
            + "not a Bundle) the answer holds a card with topic code check-incomplete (indicator warning with a known therapy, else info) "
            + "naming what could not be read and why, beside the findings the data read proves")
    @APIResponse(responseCode = "404", description = "No CDS service with this id")
    @APIResponse(responseCode = "412", description = "A prefetch the service needs is missing and cannot be fetched (no fhirServer, no "
            + "fhirAuthorization, or a fhirServer the access token may not be sent to): a FHIR OperationOutcome names each key and why", content = @Content(mediaType = ApiConventions.FHIR_MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT, description = "FHIR R4 OperationOutcome")))
    @POST
    @Path("/{serviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CdsModel.Response call(@PathParam("serviceId") String serviceId, CdsModel.HookRequest request) {
        if (request != null && request.context() != null) {
            audit.patient(request.context().path("patientId").asText(null));
        }
        CdsModel.Service service = catalog.service(serviceId).orElseThrow(() -> ProblemException.notFound("No CDS service " + serviceId));
        CdsModel.Response response = hooks.answer(serviceId, service.hook(), request);
        if (response.cards().stream().anyMatch(card -> card.uuid() != null) && UUID_SHAPE.matcher(request.hookInstance()).matches()) {
            // The cards are stored under the hook instance (cds_card): the audit row names it as the decision.
            audit.target(request.hookInstance());
        }
        return response;
    }

    @Operation(operationId = "sendCdsFeedback", summary = "Send feedback on the cards")
    @APIResponse(responseCode = "200", description = "The feedback is stored (an empty JSON object)")
    @APIResponse(responseCode = "404", description = "No CDS service with this id")
    @POST
    @Path("/{serviceId}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response feedback(@PathParam("serviceId") String serviceId, CdsModel.FeedbackRequest request) {
        catalog.service(serviceId).orElseThrow(() -> ProblemException.notFound("No CDS service " + serviceId));
        feedback.store(serviceId, request);
        return Response.ok("{}", MediaType.APPLICATION_JSON).build();
    }

    /** Needed prefetch data is missing and cannot be fetched: 412 with a FHIR OperationOutcome naming the keys and why. */
    @ServerExceptionMapper
    public Response prefetchMissing(PrefetchMissing e) {
        OperationOutcome outcome = new OperationOutcome();
        for (String key : e.keys()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.REQUIRED)
                    .setDiagnostics("Prefetch '" + key + "' is missing and cannot be fetched: " + e.reason())
                    .addExpression("prefetch." + key);
        }
        return Response.status(412).type("application/fhir+json").entity(fhir.toJson(outcome)).build();
    }
}
