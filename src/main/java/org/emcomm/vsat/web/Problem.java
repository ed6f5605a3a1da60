package org.emcomm.vsat.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** RFC 9457 problem details. {@code type} is stable per kind of error; {@code errors} names
 * each offending field. Never a class name or a stack trace. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}

    public static String type(String slug) { return "urn:emcomm:problem:" + slug; }
}
