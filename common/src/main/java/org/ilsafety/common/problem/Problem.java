package org.ilsafety.common.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail; {@code errors} names each offending field and why. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem without field errors; {@code type} is derived from the status. */
    public static Problem of(int status, String title, String detail, String instance) {
        return of(status, title, detail, instance, List.of());
    }

    public static Problem of(int status, String title, String detail, String instance, List<FieldError> errors) {
        return new Problem("https://ilsafety.org/problems/" + status, title, status, detail, instance, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    public record FieldError(String field, String reason) {
    }
}
