package org.emcomm.vsat.web;

import java.util.List;

/** A request the service refuses, with what to tell the caller. Thrown by services and
 * resources; turned into problem+json in one place ({@link ProblemMappers}). */
public class ApiException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ApiException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
    }

    /** 400 naming one field. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "validation", "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not-found", "Not found", what + " '" + id + "' does not exist", List.of());
    }

    public int status() { return status; }
    public String slug() { return slug; }
    public String title() { return title; }
    public List<Problem.FieldError> errors() { return errors; }
}
