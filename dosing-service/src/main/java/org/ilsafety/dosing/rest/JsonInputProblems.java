package org.ilsafety.dosing.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.ilsafety.common.problem.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Quarkus REST's own mapper for {@link MismatchedInputException} (an unknown field, a wrong enum value)
 * is more specific than the shared {@code JsonProcessingException} mapper and answers plain JSON; this
 * routes it to the shared problem+json answer. Belongs in common's ProblemMappers (see README).
 */
public class JsonInputProblems {
    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return problems.unreadableJson(e, uri);
    }
}
