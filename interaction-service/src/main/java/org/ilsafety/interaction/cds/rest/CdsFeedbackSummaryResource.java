package org.ilsafety.interaction.cds.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.rest.QueryParameters;
import org.ilsafety.common.security.PatientReferences;
import org.ilsafety.common.security.Roles;
import org.ilsafety.interaction.cds.RuleFeedbackSummary;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The alert burden of the interaction rules: CDS Hooks cards and their feedback, finding acknowledgements, per rule. */
@Path("/api/v1/cds-feedback-summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CDS feedback summary", description = "Per rule: CDS Hooks cards issued, accepted and overridden with their reasons, and finding acknowledgements")
public class CdsFeedbackSummaryResource {
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final RuleFeedbackSummary summary;
    private final PatientReferences references;

    public CdsFeedbackSummaryResource(RuleFeedbackSummary summary, PatientReferences references) {
        this.summary = summary;
        this.references = references;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(Instant from, Instant to, List<RuleFeedbackSummary.RuleFigures> rules) {
    }

    @Operation(operationId = "getCdsFeedbackSummary", summary = "Summarise CDS Hooks feedback and finding acknowledgements per rule over a period")
    @APIResponse(responseCode = "200", description = "Per rule: cards issued in the period, accepted, overridden with the reasons' codes; findings acknowledged in the period (free-text comments and reasons for clinical roles only)")
    @GET
    @RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.DASHBOARD })
    public Summary get(@QueryParam("from") String from, @QueryParam("to") String to) {
        QueryParameters.Period period = QueryParameters.period(from, to, DEFAULT_PERIOD);
        return new Summary(period.from(), period.to(), summary.between(period.from(), period.to(), references.showsDetail()));
    }
}
