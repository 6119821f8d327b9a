package org.ilsafety.dosing.plan.rest;

import java.time.Instant;
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
import org.ilsafety.dosing.plan.PlanDecisions;
import org.ilsafety.dosing.plan.StartPlan;
import org.ilsafety.dosing.plan.PlanAdministrations;
import org.ilsafety.dosing.plan.PlanOrders;
import org.ilsafety.dosing.plan.TherapyPlans;
import org.ilsafety.dosing.plan.TherapyPlanViews;
import org.ilsafety.dosing.rest.DosingRequests;

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
    private final PlanOrders orders;
    private final PlanAdministrations administrations;
    private final TherapyPlans plans;
    private final TherapyPlanViews views;
    private final DoseCalculator calculator;
    private final DosingRequests requests;
    private final ObjectMapper objectMapper;
    private final PlanDecisions decisions;
    private final AuditNotes audit;

    public TherapyPlanResource(PlanOrders orders, PlanAdministrations administrations, TherapyPlans plans, TherapyPlanViews views,
            DoseCalculator calculator, DosingRequests requests, ObjectMapper objectMapper, PlanDecisions decisions, AuditNotes audit) {
        this.orders = orders;
        this.administrations = administrations;
        this.plans = plans;
        this.views = views;
        this.calculator = calculator;
        this.requests = requests;
        this.objectMapper = objectMapper;
        this.decisions = decisions;
        this.audit = audit;
    }

    @Operation(operationId = "getTherapyPlan", summary = "Read a patient's therapy plan")
    @APIResponse(responseCode = "200", description = "The plan, with its current dose, overdue state and history")
    @APIResponse(responseCode = "404", description = "No therapy plan for this patient")
    @GET
    @RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION })
    public TherapyPlanView get(@PathParam("patientId") String patientId) {
        return views.view(requests.patientId(patientId))
                .orElseThrow(() -> ProblemException.notFound("No therapy plan for this patient"));
    }

    @Operation(operationId = "startTherapyPlan", summary = "Start a therapy plan from a prescriber's order")
    @APIResponse(responseCode = "201", description = "The plan, started", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TherapyPlanView.class)))
    @APIResponse(responseCode = "409", description = "The patient already has a therapy plan that is not discontinued")
    @APIResponse(responseCode = "422", description = "Well formed, but the label has no such combination (the problem names the field)")
    @POST
    public Response start(@PathParam("patientId") String patientId, @Valid StartPlanRequest request) {
        requests.patientId(patientId);
        requests.body(request);
        Instant startedAt = requests.startedAt(request.startedAt());
        double weightKg = requests.kilograms(request.weight());
        DoseCalculation dose = calculator.calculate(requests.query(request.calculation(), weightKg));
        String prescriber;
        try {
            prescriber = request.prescriberRegimen() == null ? null : objectMapper.writeValueAsString(request.prescriberRegimen());
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("prescriberRegimen", "cannot be stored");
        }
        orders.start(patientId, new StartPlan(dose, weightKg, request.ageYears(), request.mgPerKg(), prescriber, startedAt,
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
        requests.patientId(patientId);
        decisions.review(patientId, requests.outcome(request), Instant.now());
        return views.view(patientId).orElseThrow();
    }

    @Operation(operationId = "recordAdministration", summary = "Record a dose given")
    @APIResponse(responseCode = "200", description = "The plan with the dose recorded")
    @APIResponse(responseCode = "404", description = "No therapy plan for this patient")
    @POST
    @Path("/administrations")
    @RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION })
    public TherapyPlanView administer(@PathParam("patientId") String patientId, @Valid AdministrationRequest request) {
        requests.patientId(patientId);
        requests.body(request);
        Double doseMg = requests.doseGiven(request.doseMg());
        String route = requests.route(request.route());
        String id = request.id() != null && !request.id().isBlank() ? "rest/" + request.id() : "rest/" + UUID.randomUUID();
        Instant at = requests.administeredAt(request.administeredAt());
        administrations.record(patientId, id, at, doseMg, route, null)
                .orElseThrow(() -> ProblemException.notFound("No therapy plan for this patient"));
        plans.administrationId(patientId, id).ifPresent(recorded -> audit.target("administration-" + recorded));
        return views.view(patientId).orElseThrow();
    }
}
