package org.ilsafety.common.audit;

import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeMap;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;

import org.ilsafety.common.privacy.Pseudonymizer;
import org.ilsafety.common.security.Caller;
import org.ilsafety.common.security.CurrentCaller;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;

/**
 * Writes an audit row for every API and CDS Hooks request, allowed or not: the caller, the endpoint as a
 * template ({@code GET /api/v1/patients/{patientId}/alerts}, taken from the endpoint matched), the patient's pseudonym (never the id), the
 * target ids and the HTTP status. Unauthenticated refusals (401) are counted per window instead
 * ({@link RefusedRequests}).
 */
@Singleton
public class AuditFilter {
    /** Path and query parameters that name a patient. */
    private static final List<String> PATIENT_PARAMETERS = List.of("patientId", "patient");
    private static final String UNMATCHED = "(no endpoint)";

    private final AuditTrail trail;
    private final CurrentCaller caller;
    private final AuditNotes notes;
    private final Pseudonymizer pseudonyms;
    private final RefusedRequests refused;

    public AuditFilter(AuditTrail trail, CurrentCaller caller, AuditNotes notes, Pseudonymizer pseudonyms, RefusedRequests refused) {
        this.trail = trail;
        this.caller = caller;
        this.notes = notes;
        this.pseudonyms = pseudonyms;
        this.refused = refused;
    }

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith("/api/") && !path.startsWith("/cds-services")) {
            return;
        }
        Caller who = caller.get();
        MultivaluedMap<String, String> pathParameters = request.getUriInfo().getPathParameters();
        String named = patientOf(pathParameters, request.getUriInfo().getQueryParameters());
        String patient = named != null ? named : notes.patient();
        AuditEntry entry = new AuditEntry(Instant.now(), who.subject(), who.roleList(), AuditEntry.Channel.REQUEST,
                request.getMethod() + " " + template(resource), patient == null || patient.isBlank() ? null : pseudonyms.of(patient),
                target(pathParameters), "HTTP " + response.getStatus());
        if (response.getStatus() == 401) {
            // No verified caller: counted per window, so a flood of bad tokens is a few rows, not one each.
            refused.count(entry.action(), entry.outcome(), entry.patientPseudonym());
        } else if (Context.isOnEventLoopThread()) {
            // Refused before reaching a worker thread (no or bad token): written off the event loop.
            Infrastructure.getDefaultWorkerPool().execute(() -> trail.record(entry));
        } else {
            trail.record(entry);
        }
    }

    private static String patientOf(MultivaluedMap<String, String> pathParameters, MultivaluedMap<String, String> query) {
        for (String name : PATIENT_PARAMETERS) {
            String value = pathParameters.getFirst(name) != null ? pathParameters.getFirst(name) : query.getFirst(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /**
     * The matched endpoint's path template (class and method {@code @Path}); a path no endpoint matched is
     * not written out, since it may carry a patient id.
     */
    private static String template(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return UNMATCHED;
        }
        String template = "/" + pathOf(resource.getResourceClass().getAnnotation(Path.class)) + "/"
                + pathOf(resource.getResourceMethod().getAnnotation(Path.class));
        return template.replaceAll("/+", "/").replaceFirst("(.)/$", "$1");
    }

    private static String pathOf(Path path) {
        return path == null ? "" : path.value();
    }

    private String target(MultivaluedMap<String, String> parameters) {
        StringJoiner target = new StringJoiner(" ");
        new TreeMap<>(parameters).forEach((name, values) -> {
            if (!PATIENT_PARAMETERS.contains(name)) {
                target.add(name + "=" + values.get(0));
            }
        });
        if (notes.target() != null) {
            target.add("decision=" + notes.target());
        }
        return target.length() == 0 ? null : target.toString();
    }
}
