package org.ilsafety.common.problem;

import java.util.List;

/** A request the service refuses, with the fields at fault; answered as problem+json. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** 400: the request is malformed (missing, wrong type, out of range). */
    public static ProblemException badRequest(String field, String reason) {
        return new ProblemException(400, "Invalid request", reason, List.of(new Problem.FieldError(field, reason)));
    }

    /** 422: well formed, but the label has no such combination. */
    public static ProblemException unprocessable(String field, String reason) {
        return new ProblemException(422, "Not supported by the label", reason, List.of(new Problem.FieldError(field, reason)));
    }

    /** 403: the caller may call the operation, but not with this field. */
    public static ProblemException forbidden(String field, String reason) {
        return new ProblemException(403, "Forbidden", reason, List.of(new Problem.FieldError(field, reason)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
