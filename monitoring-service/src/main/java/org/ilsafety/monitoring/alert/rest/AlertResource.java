package org.ilsafety.monitoring.alert.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.security.CurrentCaller;
import org.ilsafety.common.security.PatientReferences;
import org.ilsafety.common.security.Roles;
import org.ilsafety.monitoring.alert.Alert;
import org.ilsafety.monitoring.alert.AlertQuery;
import org.ilsafety.monitoring.alert.AlertService;
import org.ilsafety.monitoring.alert.AlertStatus;
import org.ilsafety.monitoring.alert.AlertType;
import org.ilsafety.monitoring.alert.Severity;

/** Alerts for dashboards and the patient view, and their acknowledgement and resolution by a person. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
@Tag(name = "Alerts", description = "Alerts raised from lab results, schedules and infections, and their acknowledgement and resolution")
public class AlertResource {
    private static final int MAX_PAGE_SIZE = 500;
    private static final int MAX_PAGE = 100_000;
    private final AlertQuery query;
    private final AlertService alerts;
    private final PatientReferences references;
    private final CurrentCaller caller;

    public AlertResource(AlertQuery query, AlertService alerts, PatientReferences references, CurrentCaller caller) {
        this.query = query;
        this.alerts = alerts;
        this.references = references;
        this.caller = caller;
    }

    @Operation(operationId = "listAlerts", summary = "Search alerts")
    @APIResponse(responseCode = "200", description = "One page of alerts")
    @GET
    @Path("/alerts")
    @RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.DASHBOARD })
    public AlertPage list(@QueryParam("status") String status, @QueryParam("severity") String severity, @QueryParam("type") String type,
            @QueryParam("patientId") String patientId, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("ruleId") String ruleId, @QueryParam("sort") @DefaultValue("newest") String sort,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.badRequest("page", "must be 0 to " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("size", "must be 1 to " + MAX_PAGE_SIZE);
        }
        if (!"newest".equals(sort) && !"severity".equals(sort)) {
            throw ProblemException.badRequest("sort", "must be newest or severity");
        }
        var filter = new AlertQuery.Filter(parse("status", status, AlertStatus.class), parse("severity", severity, Severity.class),
                parse("type", type, AlertType.class), references.filterOf("patientId", patientId), instant("from", from), instant("to", to),
                ruleId == null || ruleId.isBlank() ? null : ruleId.trim(), "severity".equals(sort));
        var result = query.find(filter, page, size);
        return new AlertPage(result.items().stream().map(this::view).toList(), page, size, result.total());
    }

    @Operation(operationId = "listPatientAlerts", summary = "List a patient's alerts")
    @APIResponse(responseCode = "200", description = "The patient's alerts")
    @GET
    @Path("/patients/{patientId}/alerts")
    public List<AlertView> forPatient(@PathParam("patientId") String patientId, @QueryParam("status") String status) {
        var filter = new AlertQuery.Filter(parse("status", status, AlertStatus.class), null, null, patientId, null, null, null, false);
        return query.find(filter, 0, MAX_PAGE_SIZE).items().stream().map(this::view).toList();
    }

    @Operation(operationId = "getAlert", summary = "Read an alert")
    @APIResponse(responseCode = "200", description = "The alert")
    @APIResponse(responseCode = "404", description = "No alert with this id")
    @GET
    @Path("/alerts/{id}")
    @RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.DASHBOARD })
    public AlertView get(@PathParam("id") String id) {
        return alerts.find(uuid(id)).map(this::view).orElseThrow(() -> ProblemException.notFound("No alert with this id"));
    }

    @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge an alert (the reason is optional)")
    @APIResponse(responseCode = "200", description = "The alert, acknowledged")
    @APIResponse(responseCode = "404", description = "No alert with this id")
    @APIResponse(responseCode = "422", description = "A resolved alert cannot be acknowledged")
    @POST
    @Path("/alerts/{id}/acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    public AlertView acknowledge(@PathParam("id") String id, @Valid AlertActionRequest request) {
        return view(alerts.acknowledge(uuid(id), caller.get().subject(), AlertActionRequest.reasonOf(request)));
    }

    @Operation(operationId = "resolveAlert", summary = "Resolve an alert (the reason is optional)")
    @APIResponse(responseCode = "200", description = "The alert, resolved")
    @APIResponse(responseCode = "404", description = "No alert with this id")
    @APIResponse(responseCode = "422", description = "The alert is already resolved")
    @POST
    @Path("/alerts/{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    public AlertView resolve(@PathParam("id") String id, @Valid AlertActionRequest request) {
        return view(alerts.resolveByPerson(uuid(id), caller.get().subject(), AlertActionRequest.reasonOf(request)));
    }

    private AlertView view(Alert alert) {
        return AlertView.of(alert, references);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "must be a UUID");
        }
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }
}
