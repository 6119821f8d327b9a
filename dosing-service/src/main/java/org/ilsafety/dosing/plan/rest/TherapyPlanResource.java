package org.ilsafety.dosing.plan.rest;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ilsafety.common.security.Roles;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.calculation.DoseCalculation;
import org.ilsafety.dosing.calculation.DoseCalculator;
import org.ilsafety.dosing.calculation.rest.BodyWeightInput;
import org.ilsafety.dosing.calculation.rest.DoseCalculationResource;
import org.ilsafety.dosing.plan.PlanDecisions;
import org.ilsafety.dosing.plan.StartPlan;
import org.ilsafety.dosing.plan.TherapyPlanService;
import org.ilsafety.dosing.plan.TherapyPlanViews;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/api/v1/patients/{patientId}/therapy-plan")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
public class TherapyPlanResource {
    private final TherapyPlanService plans;
    private final TherapyPlanViews views;
    private final DoseCalculator calculator;
    private final BodyWeightInput weights;
    private final ObjectMapper objectMapper;
    private final PlanDecisions decisions;

    public TherapyPlanResource(TherapyPlanService plans, TherapyPlanViews views, DoseCalculator calculator, BodyWeightInput weights,
            ObjectMapper objectMapper, PlanDecisions decisions) {
        this.decisions = decisions;
        this.plans = plans;
        this.views = views;
        this.calculator = calculator;
        this.weights = weights;
        this.objectMapper = objectMapper;
    }

    @GET
    @RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION })
    public TherapyPlanView get(@PathParam("patientId") String patientId) {
        return views.view(patientId).orElseThrow(() -> ProblemException.notFound("No therapy plan for this patient"));
    }

    @POST
    public Response start(@PathParam("patientId") String patientId, StartPlanRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "a JSON request body is required");
        }
        DoseCalculation dose = calculator.calculate(DoseCalculationResource.toQuery(request.calculation(), weights.kilograms(request.weight())));
        String prescriber;
        try {
            prescriber = request.prescriberRegimen() == null ? null : objectMapper.writeValueAsString(request.prescriberRegimen());
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("prescriberRegimen", "cannot be stored");
        }
        plans.start(patientId, new StartPlan(dose, request.ageYears(), request.mgPerKg(), prescriber, request.startedAt()));
        return Response.status(201).entity(views.view(patientId).orElseThrow()).build();
    }

    @POST
    @Path("/review")
    public TherapyPlanView review(@PathParam("patientId") String patientId, ReviewRequest request) {
        if (request == null || request.outcome() == null) {
            throw ProblemException.badRequest("outcome", "outcome is required (RESUME or DISCONTINUE)");
        }
        decisions.review(patientId, request.outcome(), Instant.now());
        return views.view(patientId).orElseThrow();
    }

    @POST
    @Path("/administrations")
    @RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION })
    public TherapyPlanView administer(@PathParam("patientId") String patientId, AdministrationRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "a JSON request body is required");
        }
        if (request.doseMg() != null && request.doseMg() <= 0) {
            throw ProblemException.badRequest("doseMg", "the dose given must be positive");
        }
        String route = request.route() == null ? null : request.route().trim().toUpperCase(Locale.ROOT);
        if (route != null && !route.equals("IV") && !route.equals("SC")) {
            throw ProblemException.badRequest("route", "route must be IV or SC");
        }
        String id = request.id() != null && !request.id().isBlank() ? "rest/" + request.id() : "rest/" + UUID.randomUUID();
        Instant at = request.administeredAt() != null ? request.administeredAt() : Instant.now();
        plans.recordAdministration(patientId, id, at, request.doseMg(), route, null)
                .orElseThrow(() -> ProblemException.notFound("No therapy plan for this patient"));
        return views.view(patientId).orElseThrow();
    }
}
