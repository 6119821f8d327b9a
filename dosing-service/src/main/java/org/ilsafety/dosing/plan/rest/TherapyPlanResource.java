package org.ilsafety.dosing.plan.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.plan.TherapyPlan;
import org.ilsafety.dosing.plan.TherapyPlanService;

@Path("/api/v1/patients/{patientId}/therapy-plan")
@Produces(MediaType.APPLICATION_JSON)
public class TherapyPlanResource {
    private final TherapyPlanService plans;

    public TherapyPlanResource(TherapyPlanService plans) {
        this.plans = plans;
    }

    @GET
    public TherapyPlan get(@PathParam("patientId") String patientId) {
        return plans.find(patientId).orElseThrow(() -> ProblemException.notFound("No therapy plan for this patient"));
    }
}
