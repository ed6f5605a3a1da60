package org.emcomm.vsat.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.health.TerminalStatus;
import org.emcomm.vsat.inventory.Inventory;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/terminals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
public class TerminalResource {
    private final NetworkHealth health;
    private final Inventory inventory;
    private final EmcommConfig config;

    TerminalResource(NetworkHealth health, Inventory inventory, EmcommConfig config) {
        this.health = health;
        this.inventory = inventory;
        this.config = config;
    }

    @GET
    @Operation(summary = "Terminals with state, reason, last poll and latest metrics",
            description = "region matches the region and everything inside it (province, prefecture, county)")
    public List<Views.TerminalView> list(@QueryParam("region") String region, @QueryParam("hub") String hub,
                                         @QueryParam("beam") String beam, @QueryParam("state") String state) {
        if (region != null && inventory.region(region) == null) throw ApiException.invalid("region", "unknown region '" + region + "'");
        if (hub != null && inventory.hub(hub) == null) throw ApiException.invalid("hub", "unknown hub '" + hub + "'");
        if (beam != null && inventory.beam(beam) == null) throw ApiException.invalid("beam", "unknown beam '" + beam + "'");
        TerminalState wanted = state == null ? null : parseState(state);
        return health.all().stream()
                .filter(s -> region == null || inventory.within(s.terminal().region(), region))
                .filter(s -> hub == null || s.terminal().hub().equals(hub))
                .filter(s -> beam == null || s.terminal().beam().equals(beam))
                .filter(s -> wanted == null || s.state() == wanted)
                .map(s -> Views.terminal(s, inventory, config.zone()))
                .toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One terminal: inventory facts, state, latest metrics")
    public Views.TerminalView one(@PathParam("id") String id) {
        TerminalStatus s = health.status(id);
        if (s == null) throw ApiException.notFound("terminal", id);
        return Views.terminal(s, inventory, config.zone());
    }

    static TerminalState parseState(String text) {
        try {
            return TerminalState.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("state", "'" + text + "' is not one of UP, DEGRADED, DOWN, UNKNOWN");
        }
    }
}
