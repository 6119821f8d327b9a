package org.ilsafety.interaction.check.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.ilsafety.common.problem.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * quarkus-rest-jackson ships a mapper for {@link MismatchedInputException} (unknown field, bad enum, bad
 * date) that is more specific than the suite's {@code JsonProcessingException} mapper and answers plain
 * JSON. This hands those errors back to the suite's problem+json answer. (Belongs in common's
 * ProblemMappers; see the README.)
 */
public class MismatchedJsonProblems {
    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return problems.unreadableJson(e, uri);
    }
}
