package org.ilsafety.common.rest;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request without a body has no media type to refuse: a POST, PUT or PATCH with neither a body length nor a chunked
 * body is read as an empty JSON body, whatever Content-Type it names (curl sends none, other clients text/plain or a
 * form type). An operation whose body is optional then runs without it (an alert acknowledged without a reason); one
 * that needs a body answers 400 naming it, instead of 415 for a media type nobody sent.
 */
@Singleton
public class EmptyBodyFilter {
    @ServerRequestFilter(preMatching = true)
    public void emptyBodyIsJson(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
            return;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean empty = request.getHeaderString("Transfer-Encoding") == null && (length == null || length.trim().equals("0"));
        if (empty) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
