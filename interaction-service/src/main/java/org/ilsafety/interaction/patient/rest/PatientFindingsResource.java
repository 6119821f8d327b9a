package org.ilsafety.interaction.patient.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

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
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.security.Roles;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.interaction.patient.InteractionFinding;
import org.ilsafety.interaction.patient.PatientChecks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The patient's interaction findings from the event-driven re-check (open ones, or all with ?status=all). */
@Path("/api/v1/patients/{patientId}/interaction-findings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
@Tag(name = "Interaction findings", description = "A patient's findings from the re-check of every medicine and vaccine")
public class PatientFindingsResource {
    private final PatientChecks checks;
    private final ActiveTherapies therapies;

    public PatientFindingsResource(PatientChecks checks, ActiveTherapies therapies) {
        this.checks = checks;
        this.therapies = therapies;
    }

    @Operation(operationId = "getInteractionFindings", summary = "Read a patient's interaction findings")
    @APIResponse(responseCode = "200", description = "The findings (open by default), with the therapy as known")
    @GET
    public PatientFindings get(@PathParam("patientId") String patientId, @QueryParam("status") @DefaultValue("open") String status) {
        if (!status.equals("open") && !status.equals("all")) {
            throw ProblemException.badRequest("status", "must be open or all");
        }
        List<FindingView> findings = checks.findings(patientId, status.equals("open")).stream().map(FindingView::of).toList();
        TherapyRef therapy = therapies.find(patientId).map(t -> new TherapyRef(t.moleculeId, t.productId, t.status, t.lastDoseAt)).orElse(null);
        return new PatientFindings(patientId, therapy, findings);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PatientFindings(String patientId, TherapyRef therapy, List<FindingView> findings) {
    }

    public record TherapyRef(String drug, String product, org.ilsafety.common.events.PlanStatus status, Instant lastDoseAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FindingView(String id, String findingKey, String status, String category, String severity, String inputRef, String inputName,
            String resolvedKind, String resolvedId, String resolvedDisplay, String mechanism, String management,
            @JsonUnwrapped Provenance provenance, boolean verified, LocalDate validUntil, Instant openedAt, Instant closedAt, String closeReason,
            String acknowledgedBy, Instant acknowledgedAt, String acknowledgementReason) {

        static FindingView of(InteractionFinding f) {
            return new FindingView(f.id.toString(), f.findingKey, f.status, f.category, f.severity, f.inputRef, f.inputName, f.resolvedKind, f.resolvedId,
                    f.resolvedDisplay, f.mechanism, f.management, f.provenance, f.verified, f.validUntil, f.openedAt,
                    f.closedAt, f.closeReason, f.acknowledgedBy, f.acknowledgedAt, f.acknowledgementReason);
        }
    }
}
