package org.ilsafety.interaction.patient.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.audit.AuditNotes;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.rest.QueryParameters;
import org.ilsafety.common.security.CurrentCaller;
import org.ilsafety.common.security.PatientReferences;
import org.ilsafety.common.security.Roles;
import org.ilsafety.interaction.check.Category;
import org.ilsafety.interaction.check.Severity;
import org.ilsafety.interaction.patient.FindingAcknowledgements;
import org.ilsafety.interaction.patient.FindingQuery;
import org.ilsafety.interaction.patient.FindingStatus;
import org.ilsafety.interaction.patient.InteractionFinding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Interaction findings across patients (the worklist), and their acknowledgement by a person. */
@Path("/api/v1/interaction-findings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
@Tag(name = "Interaction findings", description = "A patient's findings from the re-check of every medicine and vaccine")
public class InteractionFindingsResource {
    private static final int MAX_PAGE_SIZE = 500;
    private static final int MAX_PAGE = 100_000;

    private final FindingQuery query;
    private final FindingAcknowledgements acknowledgements;
    private final PatientReferences references;
    private final CurrentCaller caller;
    private final AuditNotes notes;

    public InteractionFindingsResource(FindingQuery query, FindingAcknowledgements acknowledgements, PatientReferences references,
            CurrentCaller caller, AuditNotes notes) {
        this.query = query;
        this.acknowledgements = acknowledgements;
        this.references = references;
        this.caller = caller;
        this.notes = notes;
    }

    @Operation(operationId = "listInteractionFindings", summary = "Search interaction findings across patients")
    @APIResponse(responseCode = "200", description = "One page of findings")
    @GET
    @RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.DASHBOARD })
    public FindingPage list(@QueryParam("status") String status, @QueryParam("severity") String severity,
            @QueryParam("category") String category, @QueryParam("ruleId") String ruleId, @QueryParam("patientId") String patientId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("sort") @DefaultValue("newest") String sort,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        QueryParameters.checkPage(page, MAX_PAGE, size, MAX_PAGE_SIZE);
        if (!"newest".equals(sort) && !"severity".equals(sort)) {
            throw ProblemException.badRequest("sort", "must be newest or severity");
        }
        var filter = new FindingQuery.Filter(QueryParameters.enumOf("status", status, FindingStatus.class),
                QueryParameters.enumOf("severity", severity, Severity.class), QueryParameters.enumOf("category", category, Category.class),
                QueryParameters.text(ruleId), references.filterOf("patientId", patientId), QueryParameters.instant("from", from),
                QueryParameters.instant("to", to), "severity".equals(sort));
        var result = query.find(filter, page, size);
        return new FindingPage(result.items().stream().map(this::view).toList(), page, size, result.total());
    }

    @Operation(operationId = "acknowledgeInteractionFinding", summary = "Acknowledge an open interaction finding with a reason")
    @APIResponse(responseCode = "200", description = "The finding, acknowledged (it leaves the open worklist until it closes and opens again)")
    @APIResponse(responseCode = "404", description = "No interaction finding with this id")
    @APIResponse(responseCode = "422", description = "The finding is closed: its cause has ended")
    @POST
    @Path("/{id}/acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    public FindingItem acknowledge(@PathParam("id") String id, @Valid AcknowledgementRequest request) {
        if (request == null || request.reason() == null) {
            throw ProblemException.badRequest("reason", "is required");
        }
        UUID findingId = uuid(id);
        acknowledgements.find(findingId).ifPresent(f -> notes.patient(f.patientId));
        return view(acknowledgements.acknowledge(findingId, caller.get().subject(), request.reason().trim()));
    }

    /** Why the person acknowledges the finding; who is the caller named by the token. */
    public record AcknowledgementRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    public record FindingPage(List<FindingItem> items, int page, int size, long total) {
    }

    /**
     * A finding across patients. {@code status}: OPEN, ACKNOWLEDGED or CLOSED. A dashboard gets the patient's
     * pseudonym and no input reference, input name or acknowledgement reason (they may identify the patient).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FindingItem(String id, String patientId, String status, String category, String severity, @JsonUnwrapped Provenance provenance,
            boolean verified, String inputRef, String inputName, String resolvedDisplay, String mechanism,
            String management, LocalDate validUntil, Instant openedAt, Instant closedAt, String closeReason, String acknowledgedBy,
            Instant acknowledgedAt, String acknowledgementReason) {
    }

    private FindingItem view(InteractionFinding f) {
        boolean detail = references.showsDetail();
        return new FindingItem(f.id.toString(), references.forCaller(f.patientId), FindingStatus.of(f).name(), f.category, f.severity,
                f.provenance, f.verified, detail ? f.inputRef : null, detail ? f.inputName : null,
                f.resolvedDisplay, f.mechanism, f.management, f.validUntil, f.openedAt, f.closedAt, f.closeReason, f.acknowledgedBy,
                f.acknowledgedAt, detail ? f.acknowledgementReason : null);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "must be a UUID");
        }
    }
}
