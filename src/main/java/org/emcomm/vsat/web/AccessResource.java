package org.emcomm.vsat.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.emcomm.vsat.command.Refusal;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.security.LoginGuard;

/** Failed logins as an admin sees them: names and addresses slowed down or locked (docs/access.md), and lifting a lock. */
@Path("/api/access/locks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AccessResource {
    private final LoginGuard guard;
    private final EmcommConfig config;
    private final AuditContext audit;

    AccessResource(LoginGuard guard, EmcommConfig config, AuditContext audit) {
        this.guard = guard;
        this.config = config;
        this.audit = audit;
    }

    public record LockView(String kind, String key, int failures, OffsetDateTime lastFailure, boolean locked, OffsetDateTime lockedUntil,
                           OffsetDateTime nextTry) {}

    @GET
    @Operation(summary = "User names and source addresses with failed logins in the window: locked ones first, then those whose next try"
            + " must wait (in memory: a restart lifts every lock)")
    public List<LockView> locks() {
        return guard.entries().stream().map(e -> new LockView(e.kind().name().toLowerCase(Locale.ROOT), e.key(), e.failures(),
                Views.time(e.lastFailure(), config.zone()), e.lockedUntil() != null, Views.time(e.lockedUntil(), config.zone()),
                Views.time(e.nextTry(), config.zone()))).toList();
    }

    @DELETE
    @Path("/{kind}/{key}")
    @Operation(summary = "Lift the lock of a user name (kind user) or a source address (kind source) and forget its failures (audited)")
    public Response lift(@PathParam("kind") String kind, @PathParam("key") String key) {
        LoginGuard.Kind k = switch (kind) {
            case "user" -> LoginGuard.Kind.USER;
            case "source" -> LoginGuard.Kind.SOURCE;
            default -> throw ApiException.invalid("kind", "'" + Refusal.quote(kind) + "' is not one of user, source");
        };
        if (!guard.lift(k, key)) throw ApiException.notFound("failed logins of " + kind, Refusal.quote(key));
        audit.describe("access.lock.lift", kind + ":" + key, null);
        return Response.noContent().build();
    }
}
