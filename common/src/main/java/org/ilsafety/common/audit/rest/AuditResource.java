package org.ilsafety.common.audit.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.audit.AuditQuery;
import org.ilsafety.common.audit.AuditVerification;
import org.ilsafety.common.privacy.Pseudonymizer;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.security.Roles;

/** This service's audit trail, for pharmacists: by patient (id or pseudonym), caller and time range. */
@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PHARMACIST)
@Tag(name = "Audit trail", description = "Who called what, when, about which patient, with which outcome")
public class AuditResource {
    private static final int MAX_PAGE_SIZE = 200;
    private static final int MAX_PAGE = 100_000;

    private final AuditQuery query;
    private final Pseudonymizer pseudonyms;
    private final AuditVerification verification;

    public AuditResource(AuditQuery query, Pseudonymizer pseudonyms, AuditVerification verification) {
        this.query = query;
        this.pseudonyms = pseudonyms;
        this.verification = verification;
    }

    /** Checks the trail's hash chain from its first row: intact, or the first broken link. */
    @Operation(operationId = "verifyAuditTrail", summary = "Check the audit trail's hash chain")
    @APIResponse(responseCode = "200", description = "Intact with the row count and last hash, or the first broken link")
    @GET
    @Path("/verification")
    public AuditVerification.Result verify() {
        return verification.verify();
    }

    @Operation(operationId = "listAuditEvents", summary = "Search the audit trail")
    @APIResponse(responseCode = "200", description = "One page of audit events, newest first")
    @GET
    public AuditQuery.Page find(@QueryParam("patientId") String patientId, @QueryParam("pseudonym") String pseudonym,
            @QueryParam("subject") String subject, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        if (patientId != null && pseudonym != null) {
            throw ProblemException.badRequest("patientId", "give either patientId or pseudonym, not both");
        }
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.badRequest("page", "must be 0 to " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        String patient = patientId != null ? pseudonyms.of(patientId) : pseudonym;
        return query.find(new AuditQuery.Filter(patient, subject, instant("from", from), instant("to", to)), page, size);
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant such as 2026-01-31T08:00:00Z");
        }
    }
}
