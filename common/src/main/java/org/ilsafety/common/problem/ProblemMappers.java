package org.ilsafety.common.problem;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.ilsafety.common.security.JsonLimits;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into RFC 9457 problem+json. Messages describe the field and the rule, never echo
 * the submitted value (it may be patient data).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String OVER_LIMIT = "exceeds a size limit (string length, nesting depth or number length)";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return Problem.of(e.status(), e.title(), e.getMessage(), path(uri), e.errors()).toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail = errors.stream().map(err -> err.field() + " " + err.reason()).collect(Collectors.joining("; "));
        return Problem.of(400, "Invalid request", detail, path(uri), errors).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        Problem.FieldError error = describe(e);
        return Problem.of(400, "Invalid request",
                error.field().isEmpty() ? error.reason() : error.field() + " " + error.reason(), path(uri), List.of(error)).toResponse();
    }

    /**
     * quarkus-rest-jackson maps {@link MismatchedInputException} (unknown field, bad enum, bad date) itself,
     * more specifically than {@link #unreadableJson}, and answers plain JSON; this keeps it problem+json.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    /** No token, or one that failed verification (signature, issuer, audience, expiry): 401 with a Bearer challenge. */
    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(Problem.of(401, "Unauthorized", "A valid bearer token is required", path(uri)).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** A verified caller without the role the endpoint needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "Forbidden", "The caller's roles do not allow this request", path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            // JAX-RS answers 404 when a query or path parameter does not convert (page=abc); it is a bad request
            return Problem.of(400, "Invalid request", "a query or path parameter has an invalid value", path(uri)).toResponse();
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        return Problem.of(status, title, title, path(uri)).toResponse();
    }

    /**
     * Anything else is a 500 with an error id, except a value the database cannot store (a NUL character,
     * a number out of range): that is the caller's input, so a 400, even where validation did not foresee it.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isDataException(e)) {
            return Problem.of(400, "Invalid request", "a value cannot be stored: it holds characters that are not allowed or is out of range",
                    path(uri)).toResponse();
        }
        String errorId = UUID.randomUUID().toString();
        // the type and the place only: a message may quote the input
        StackTraceElement[] trace = e.getStackTrace();
        LOG.errorf("Unexpected %s at %s (error id %s)", e.getClass().getName(), trace.length == 0 ? "?" : trace[0], errorId);
        LOG.debug("Unexpected failure", e);
        return Problem.of(500, "Internal error",
                "The request could not be completed; quote error id " + errorId, path(uri)).toResponse();
    }

    private static boolean isDataException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    static Problem.FieldError describe(JsonProcessingException e) {
        boolean overLimit = e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException;
        String duplicate = duplicateField(e);
        if (duplicate != null) {
            return new Problem.FieldError(duplicate, "appears more than once in the same object");
        }
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return new Problem.FieldError("", overLimit ? "the request body " + OVER_LIMIT : "the request body is not valid JSON");
        }
        String field = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (overLimit) {
            return new Problem.FieldError(field, OVER_LIMIT);
        }
        if (e instanceof JsonLimits.TooManyItems tooMany) {
            return new Problem.FieldError(field, tooMany.reason());
        }
        if (e instanceof JsonLimits.DateOutOfRange outOfRange) {
            return new Problem.FieldError(field, outOfRange.reason());
        }
        if (e instanceof UnrecognizedPropertyException) {
            return new Problem.FieldError(field, "is not a known field");
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return new Problem.FieldError(field, "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants()));
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return new Problem.FieldError(field, "must be a " + readable(mismatched.getTargetType()));
        }
        return new Problem.FieldError(field, "has an invalid value");
    }

    /**
     * The path of a key Jackson's strict duplicate detection refused ({@code Duplicate field 'value'}), such
     * as {@code weight.value}; null for any other problem.
     */
    private static String duplicateField(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String prefix = "Duplicate field '";
        if (message == null || !message.startsWith(prefix) || message.indexOf('\'', prefix.length()) < 0) {
            return null;
        }
        String name = message.substring(prefix.length(), message.indexOf('\'', prefix.length()));
        if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) || parser.getParsingContext() == null) {
            return name;
        }
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        parts.push(name);
        for (var context = parser.getParsingContext().getParent(); context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inArray()) {
                parts.push("[" + context.getCurrentIndex() + "]");
            } else if (context.getCurrentName() != null) {
                parts.push(context.getCurrentName());
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }

    private static String readable(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type == double.class || type == int.class || type == long.class) {
            return "number";
        }
        if (type == java.time.LocalDate.class) {
            return "date (YYYY-MM-DD)";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "date-time (ISO-8601)";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        return type == String.class ? "string" : "JSON object";
    }

    private static String fieldOf(String propertyPath) {
        // "calculate.request.weight.value" -> "weight.value": drop the method and parameter names;
        // "start.patientId" (a path or query parameter) -> "patientId"
        String[] parts = propertyPath.split("\\.");
        if (parts.length == 2) {
            return parts[1];
        }
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : propertyPath;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

}
