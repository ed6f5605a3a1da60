package org.emcomm.vsat.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.emcomm.vsat.compliance.AvailabilityBook;
import org.emcomm.vsat.compliance.AvailabilityService;
import org.emcomm.vsat.config.EmcommConfig;

/** Declared maintenance windows: their terminal-time is left out of availability (docs/compliance.md). */
@Path("/api/maintenance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
public class MaintenanceResource {
    private final AvailabilityService availability;
    private final EmcommConfig config;
    private final ZonedJson json;
    private final AuditContext audit;
    private final SecurityIdentity identity;

    MaintenanceResource(AvailabilityService availability, EmcommConfig config, ZonedJson json, AuditContext audit, SecurityIdentity identity) {
        this.availability = availability;
        this.config = config;
        this.json = json;
        this.audit = audit;
        this.identity = identity;
    }

    public record WindowBody(List<String> terminals, String region, String hub, String beam, String from, String to, String reason) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Declare a maintenance window", description = "{terminals?: [id], region?, hub?, beam?, from, to, reason}; from at most 5 min back, "
            + "at most 31 days long")
    public Response declare(WindowBody b) {
        AvailabilityService.WindowInput in = b == null ? null : new AvailabilityService.WindowInput(b.terminals(), b.region(), b.hub(), b.beam(),
                Params.instant("from", b.from(), config.zone()), Params.instant("to", b.to(), config.zone()), b.reason());
        AvailabilityBook.Window w = availability.declare(in, identity.getPrincipal().getName());
        audit.describe("maintenance.declare", w.id(), json.tree(b));
        return Response.created(URI.create("/api/maintenance/" + w.id())).entity(json.tree(w)).build();
    }

    @GET
    @Operation(summary = "Maintenance windows", description = "active: true or false to filter")
    public JsonNode list(@QueryParam("active") String active) {
        return json.tree(availability.windows(Params.bool("active", active)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One maintenance window")
    public JsonNode one(@PathParam("id") String id) {
        AvailabilityBook.Window w = availability.book().window(id);
        if (w == null) throw ApiException.notFound("maintenance window", id);
        return json.tree(w);
    }

    @POST
    @Path("/{id}/end")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "End a maintenance window now")
    public JsonNode end(@PathParam("id") String id) {
        AvailabilityBook.Window w = availability.end(id, identity.getPrincipal().getName());
        audit.describe("maintenance.end", id, null);
        return json.tree(w);
    }
}
