package org.emcomm.vsat.web;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.emcomm.vsat.audit.AuditTrail;

/** Every successful mutating call under /api becomes an audit event before the response is sent. */
@Provider
public class AuditFilter implements ContainerResponseFilter {
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditTrail trail;
    private final AuditContext context;
    private final SecurityIdentity identity;

    AuditFilter(AuditTrail trail, AuditContext context, SecurityIdentity identity) {
        this.trail = trail;
        this.context = context;
        this.identity = identity;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!MUTATING.contains(method) || response.getStatus() >= 400 || !path.startsWith("/api/")) return;
        String action = context.action() != null ? context.action()
                : method.toLowerCase(Locale.ROOT) + path.substring(4).replace('/', '.');
        String actor = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        List<String> roles = identity.getRoles().stream().sorted().toList();
        trail.record(new AuditTrail.Call(actor, roles, action, method, path, context.target(), response.getStatus(), context.changes()));
        Log.debugf("audit: %s %s by %s", action, context.target(), actor);
    }
}
