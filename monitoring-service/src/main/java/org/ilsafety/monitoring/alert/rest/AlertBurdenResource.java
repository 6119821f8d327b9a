package org.ilsafety.monitoring.alert.rest;

import java.time.Duration;

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
import org.ilsafety.monitoring.alert.AlertBurden;

/** Per rule, how many alerts were raised, acknowledged, resolved by a person and left open, so the pharmacy can tune noisy rules. */
@Path("/api/v1/alert-burden")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.DASHBOARD })
@Tag(name = "Alerts", description = "Alerts raised from lab results, schedules and infections, and their acknowledgement and resolution")
public class AlertBurdenResource {
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private final AlertBurden burden;
    private final PatientReferences references;

    public AlertBurdenResource(AlertBurden burden, PatientReferences references) {
        this.burden = burden;
        this.references = references;
    }

    @Operation(operationId = "getAlertBurden", summary = "Count alerts per rule over a period (raised, acknowledged, resolved, open, reasons)")
    @APIResponse(responseCode = "200", description = "Per rule, the alerts raised in the period and what people did with them")
    @GET
    public AlertBurdenView get(@QueryParam("from") String from, @QueryParam("to") String to) {
        QueryParameters.Period period = QueryParameters.period(from, to, DEFAULT_PERIOD);
        return AlertBurdenView.of(period.from(), period.to(), burden.per(period.from(), period.to()), references.showsDetail());
    }
}
