package org.ilsafety.dosing.calculation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.security.Roles;
import org.ilsafety.dosing.calculation.DoseCalculation;
import org.ilsafety.dosing.calculation.DoseCalculator;
import org.ilsafety.dosing.rest.DosingRequests;

/** Stateless dose calculation from the labeled regimens. */
@Path("/api/v1/dose-calculations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
@Tag(name = "Dose calculation", description = "The labeled dose for a product, indication, route, weight and age")
public class DoseCalculationResource {
    private final DoseCalculator calculator;
    private final DosingRequests requests;

    public DoseCalculationResource(DoseCalculator calculator, DosingRequests requests) {
        this.calculator = calculator;
        this.requests = requests;
    }

    @Operation(operationId = "calculateDose", summary = "Calculate the labeled dose")
    @APIResponse(responseCode = "200", description = "The dose, with volumes, vials or syringes, its rule and knowledge version")
    @APIResponse(responseCode = "422", description = "Well formed, but the label has no such combination (the problem names the field)")
    @POST
    public DoseCalculation calculate(@Valid DoseCalculationRequest request) {
        requests.body(request);
        return calculator.calculate(requests.query(request, requests.kilograms(request.weight())));
    }
}
