package org.emcomm.vsat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as problem+json. 4xx are logged at INFO in one line, 5xx at ERROR with
 * the stack. */
final class ProblemMappers {

    @ServerExceptionMapper
    Response api(ApiException e, UriInfo uri) {
        return respond(e.status(), e.slug(), e.title(), e.getMessage(), uri, e.errors(), null);
    }

    @ServerExceptionMapper
    Response refused(org.emcomm.vsat.command.Refusal e, UriInfo uri) {
        return refused(e.kind().name(), e.field(), e.getMessage(), uri);
    }

    /** A feature's refusal: NOT_FOUND → 404, CONFLICT → 409, TOO_LARGE → 413, UNSUPPORTED → 415, INVALID → 400 naming the field. */
    private static Response refused(String kind, String field, String message, UriInfo uri) {
        return switch (kind) {
            case "NOT_FOUND" -> respond(404, "not-found", "Not found", message, uri, List.of(), null);
            case "CONFLICT" -> respond(409, "conflict", "Conflict with the record's state", message, uri, List.of(), null);
            case "TOO_LARGE" -> respond(413, "too-large", "Request body too large", message, uri, List.of(new Problem.FieldError(field, message)), null);
            case "UNSUPPORTED" -> respond(415, "unsupported-media-type", "Unsupported media type", message, uri,
                    List.of(new Problem.FieldError(field, message)), null);
            default -> respond(400, "validation", "Invalid request", field + ": " + message, uri,
                    List.of(new Problem.FieldError(field, message)), null);
        };
    }

    /** Records cannot be written (the data disk is full) or an optional write would eat the records' reserve: 507,
     * nothing stored, and when to try again. */
    @ServerExceptionMapper
    Response noRoom(org.emcomm.vsat.journal.JournalUnavailableException e, UriInfo uri) {
        Response r = respond(507, "insufficient-storage", "Not stored: no room for records", e.getMessage(), uri, List.of(), null);
        return Response.fromResponse(r).header("Retry-After", "30").build();
    }

    @ServerExceptionMapper
    Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return respond(401, "unauthorized", "Authentication required", "log in with HTTP Basic credentials or the console's form", uri,
                List.of(), challenge(headers));
    }

    @ServerExceptionMapper
    Response badCredentials(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        org.emcomm.vsat.security.LoginGuard.Wait wait = org.emcomm.vsat.security.LoginGuard.waitOf(e);
        if (wait != null) {
            Response r = respond(429, "too-many-failed-logins", "Too many failed logins", wait.why(), uri, List.of(), null);
            return Response.fromResponse(r).header("Retry-After", Long.toString(wait.seconds())).build();
        }
        return respond(401, "unauthorized", "Authentication required", "user name or password is wrong", uri, List.of(),
                challenge(headers));
    }

    /** The console's own calls get no Basic challenge, so the browser shows its login form, not its password dialog. */
    private static String challenge(HttpHeaders headers) {
        return headers != null && CONSOLE.equals(headers.getHeaderString("X-Requested-With")) ? null : "Basic realm=\"emcomm\"";
    }

    static final String CONSOLE = "emcomm-console";

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "your role may not do this", uri, List.of(), null);
    }

    /** Declared for the exact type: Quarkus has a built-in mapper for it that answers with no body. */
    @ServerExceptionMapper
    Response mismatched(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    Response badJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message;
            if (m instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
                message = "is not a field of this request" + (u.getKnownPropertyIds() == null || u.getKnownPropertyIds().isEmpty() ? ""
                        : "; it takes " + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
            } else if (m instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
                message = org.emcomm.vsat.command.Refusal.quote(String.valueOf(f.getValue())) + " is not one of " + java.util.Arrays.stream(f.getTargetType().getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", "));
            } else if (m instanceof InvalidFormatException f) {
                message = "has the wrong type: " + org.emcomm.vsat.command.Refusal.quote(String.valueOf(f.getValue())) + " is not a "
                        + (f.getTargetType() == String.class ? "text (give it in quotes)" : "valid " + f.getTargetType().getSimpleName());
            } else {
                message = "has the wrong type";
            }
            return respond(400, "validation", "Invalid request", field + ": " + message, uri,
                    List.of(new Problem.FieldError(field, message)), null);
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        java.util.regex.Matcher dup = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (dup.find()) {
            String field = dup.group(1);
            return respond(400, "validation", "Invalid request", field + ": is given twice" + where, uri,
                    List.of(new Problem.FieldError(field, "is given twice")), null);
        }
        return respond(400, "malformed-json", "Malformed JSON", "the body is not valid JSON" + where, uri, List.of(), null);
    }

    /** Jackson's message for a key given twice (STRICT_DUPLICATE_DETECTION). */
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '([^']{1,100})'");

    @ServerExceptionMapper
    Response notFound(NotFoundException e, UriInfo uri) {
        return respond(404, "not-found", "Not found", "no such resource", uri, List.of(), null);
    }

    @ServerExceptionMapper
    Response notAllowed(NotAllowedException e, UriInfo uri) {
        return respond(405, "method-not-allowed", "Method not allowed", "this path does not take that method", uri, List.of(), null);
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) return badJson(json, uri);
        if (status >= 500) return unexpected(e, uri);
        return respond(status, "http-" + status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage(), uri, List.of(), null);
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e, UriInfo uri) {
        Log.errorf(e, "unexpected error on %s", uri == null ? "?" : uri.getPath());
        return respond(500, "internal", "Internal error", "the service failed; the error is logged", uri, List.of(), null);
    }

    /** At most 200 characters, control characters escaped, for the log. */
    static String clip(String s) {
        if (s == null) return null;
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (int i = 0; i < s.length() && n < 200; n++) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.CONTROL) b.append(String.format(java.util.Locale.ROOT, "\\u%04x", cp));
            else b.appendCodePoint(cp);
        }
        if (n >= 200 && s.codePointCount(0, s.length()) > 200) b.append("… (").append(s.length()).append(" characters)");
        return b.toString();
    }

    private static Response respond(int status, String slug, String title, String detail, UriInfo uri,
                                    List<Problem.FieldError> errors, String challenge) {
        String path = uri == null ? null : uri.getPath();
        // a rejected value is quoted at most in part and without control characters: a 1 MB note must not become a 1 MB log line
        if (status < 500) Log.infof("%d %s %s: %s", status, slug, clip(path), clip(detail));
        Response.ResponseBuilder b = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.type(slug), title, status, detail, path, errors));
        if (challenge != null) b.header("WWW-Authenticate", challenge);
        return b.build();
    }
}
