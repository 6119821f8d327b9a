package org.ilsafety.dosing.plan.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.audit.AuditNotes;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.security.Roles;
import org.ilsafety.dosing.calculation.DoseCalculation;
import org.ilsafety.dosing.calculation.DoseCalculator;
import org.ilsafety.dosing.calculation.rest.BodyWeightInput;
import org.ilsafety.dosing.calculation.rest.DoseCalculationResource;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.Regimens;
import org.ilsafety.dosing.patient.PatientIdParameter;
import org.ilsafety.dosing.plan.PlanDecisions;
import org.ilsafety.dosing.plan.StartPlan;
import org.ilsafety.dosing.plan.TherapyPlanService;
import org.ilsafety.dosing.plan.TherapyPlanViews;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A patient's therapy plan. Clinicians and pharmacists read it, start it and close its reviews; the
 * integration bus reads it and records doses given. Dashboards never see it (patient detail). Each request
 * that decides something names the decision in its audit row ({@link AuditNotes}): the plan change it
 * recorded ({@code PlanChanges}), or the administration.
 */
@Path("/api/v1/patients/{patientId}/therapy-plan")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
@Tag(name = "Therapy plan", description = "A patient's therapy plan: its dose, schedule, administrations and reviews")
public class TherapyPlanResource {
    /** The earliest date a plan may start or a dose may have been given. */
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** Clock skew between the caller and this service for a dose just given. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** A plan may be started ahead of its first dose, by at most this much. */
    private static final Duration LATEST_START_AHEAD = Duration.ofDays(366);

    private final TherapyPlanService plans;
    private final TherapyPlanViews views;
    private final DoseCalculator calculator;
    private final BodyWeightInput weights;
    private final ObjectMapper objectMapper;
    private final PlanDecisions decisions;
    private final DosingKnowledge knowledge;
    private final AuditNotes audit;

    public TherapyPlanResource(TherapyPlanService plans, TherapyPlanViews views, DoseCalculator calculator, BodyWeightInput weights,
            ObjectMapper objectMapper, PlanDecisions decisions, DosingKnowledge knowledge, AuditNotes audit) {
        this.decisions = decisions;
        this.plans = plans;
        this.views = views;
        this.calculator = calculator;
        this.weights = weights;
        this.objectMapper = objectMapper;
        this.knowledge = knowledge;
        this.audit = audit;
    }

    @Operation(operationId = "getTherapyPlan", summary = "Read a patient's therapy plan")
    @APIResponse(responseCode = "200", description = "The plan, with its current dose, overdue state and history")
    @APIResponse(responseCode = "404", description = "No therapy plan for this patient")
    @GET
    @RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION })
    public TherapyPlanView get(@PathParam("patientId") String patientId) {
        return views.view(PatientIdParameter.checked(patientId))
                .orElseThrow(() -> ProblemException.notFound("No therapy plan for this patient"));
    }

    @Operation(operationId = "startTherapyPlan", summary = "Start a therapy plan from a prescriber's order")
    @APIResponse(responseCode = "201", description = "The plan, started", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TherapyPlanView.class)))
    @APIResponse(responseCode = "409", description = "The patient already has a therapy plan that is not discontinued")
    @APIResponse(responseCode = "422", description = "Well formed, but the label has no such combination (the problem names the field)")
    @POST
    public Response start(@PathParam("patientId") String patientId, @Valid StartPlanRequest request) {
        PatientIdParameter.checked(patientId);
        if (request == null) {
            throw ProblemException.badRequest("body", "a JSON request body is required");
        }
        if (request.startedAt() != null) {
            within(request.startedAt(), "startedAt", Instant.now().plus(LATEST_START_AHEAD), "one year from now");
        }
        double weightKg = weights.kilograms(request.weight());
        DoseCalculation dose = calculator.calculate(DoseCalculationResource.toQuery(request.calculation(), weightKg));
        String prescriber;
        try {
            prescriber = request.prescriberRegimen() == null ? null : objectMapper.writeValueAsString(request.prescriberRegimen());
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("prescriberRegimen", "cannot be stored");
        }
        plans.start(patientId, new StartPlan(dose, weightKg, request.ageYears(), request.mgPerKg(), prescriber, request.startedAt(),
                request.creatinineClearanceMlPerMin()));
        return Response.status(201).entity(views.view(patientId).orElseThrow()).build();
    }

    @Operation(operationId = "reviewTherapyPlan", summary = "Close the review a plan awaits (resume or discontinue)")
    @APIResponse(responseCode = "200", description = "The plan after the review")
    @APIResponse(responseCode = "404", description = "No therapy plan for this patient")
    @APIResponse(responseCode = "422", description = "The plan awaits no review")
    @POST
    @Path("/review")
    public TherapyPlanView review(@PathParam("patientId") String patientId, ReviewRequest request) {
        PatientIdParameter.checked(patientId);
        if (request == null || request.outcome() == null) {
            throw ProblemException.badRequest("outcome", "outcome is required (RESUME or DISCONTINUE)");
        }
        decisions.review(patientId, request.outcome(), Instant.now());
        return views.view(patientId).orElseThrow();
    }

    @Operation(operationId = "recordAdministration", summary = "Record a dose given")
    @APIResponse(responseCode = "200", description = "The plan with the dose recorded")
    @APIResponse(responseCode = "404", description = "No therapy plan for this patient")
    @POST
    @Path("/administrations")
    @RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION })
    public TherapyPlanView administer(@PathParam("patientId") String patientId, @Valid AdministrationRequest request) {
        PatientIdParameter.checked(patientId);
        if (request == null) {
            throw ProblemException.badRequest("body", "a JSON request body is required");
        }
        if (request.doseMg() != null) {
            Regimens.Limits limits = knowledge.regimens().limits();
            if (!Double.isFinite(request.doseMg()) || request.doseMg() <= 0) {
                throw ProblemException.badRequest("doseMg", "the dose given must be a positive number");
            }
            if (request.doseMg() > limits.doseMgMax()) {
                throw ProblemException.badRequest("doseMg", "a single dose above " + limits.doseMgMax() + " mg is not plausible ("
                        + limits.source() + ")");
            }
        }
        String route = request.route() == null ? null : request.route().trim().toUpperCase(Locale.ROOT);
        if (route != null && !route.equals("IV") && !route.equals("SC")) {
            throw ProblemException.badRequest("route", "route must be IV or SC");
        }
        String id = request.id() != null && !request.id().isBlank() ? "rest/" + request.id() : "rest/" + UUID.randomUUID();
        Instant at = request.administeredAt() != null
                ? within(request.administeredAt(), "administeredAt", Instant.now().plus(CLOCK_SKEW), "now (a dose given lies in the past)")
                : Instant.now();
        plans.recordAdministration(patientId, id, at, request.doseMg(), route, null)
                .orElseThrow(() -> ProblemException.notFound("No therapy plan for this patient"));
        plans.administrationId(patientId, id).ifPresent(recorded -> audit.target("administration-" + recorded));
        return views.view(patientId).orElseThrow();
    }

    private static Instant within(Instant value, String field, Instant latest, String latestText) {
        if (value.isBefore(EARLIEST) || value.isAfter(latest)) {
            throw ProblemException.badRequest(field, "must lie between 1900-01-01 and " + latestText);
        }
        return value;
    }
}
