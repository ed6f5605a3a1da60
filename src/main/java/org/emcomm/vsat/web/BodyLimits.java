package org.emcomm.vsat.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** A JSON body larger than any record needs is refused before it is read: 413 problem+json naming the body. Drill
 * attachments (not JSON) have their own limit, emcomm.drills.attachment-max-bytes. */
public class BodyLimits {
    /** The largest JSON request body: a drill plan or a report narrative is a few kilobytes. */
    static final long MAX_JSON_BYTES = 1 << 20;

    @ServerRequestFilter(preMatching = true)
    public Response limitJson(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !type.getSubtype().endsWith("json")) return null;
        String length = request.getHeaderString("Content-Length");
        if (length == null) return null;
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null; // the HTTP layer refuses a malformed length
        }
        if (bytes <= MAX_JSON_BYTES) return null;
        String detail = "a JSON body may be at most " + MAX_JSON_BYTES + " bytes; this one has " + bytes;
        return Response.status(413).type(Problem.MEDIA_TYPE).entity(new Problem(Problem.type("too-large"), "Request body too large", 413,
                detail, request.getUriInfo().getPath(), List.of(new Problem.FieldError("body", detail)))).build();
    }
}
