package org.emcomm.vsat.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.storage.HistoryPoint;
import org.emcomm.vsat.storage.SampleStore;
import org.emcomm.vsat.storage.Storage;
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

    private final Storage storage;
    private final org.emcomm.vsat.incident.IncidentService incidents;

    TerminalResource(NetworkHealth health, Inventory inventory, EmcommConfig config, Storage storage,
                     org.emcomm.vsat.incident.IncidentService incidents) {
        this.incidents = incidents;
        this.health = health;
        this.inventory = inventory;
        this.config = config;
        this.storage = storage;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PointView(OffsetDateTime time, String state, Integer samples, Map<String, Double> metrics) {}

    public record SamplesView(String terminal, OffsetDateTime from, OffsetDateTime to, String step,
                              Map<String, String> units, List<PointView> points) {}

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
    @Operation(summary = "One terminal: inventory facts, state, latest metrics, its last state changes and active incidents")
    public Views.TerminalView one(@PathParam("id") String id) {
        TerminalStatus s = health.status(id);
        if (s == null) throw ApiException.notFound("terminal", id);
        return Views.terminal(s, inventory, config.zone(),
                incidents.activeFor(id).stream().map(i -> IncidentResource.summary(i, config.zone())).toList());
    }

    @GET
    @Path("/{id}/samples")
    @Operation(summary = "Metric history of one terminal, downsampled when step is given",
            description = "from/to: ISO-8601 (default: the last hour); step: 30s, 5m, 1h, 1d or ISO-8601 — each point is then"
                    + " a bucket aligned to the epoch with the mean of each metric, the worst state and the sample count")
    public SamplesView samples(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("step") String step) {
        Terminal t = inventory.terminal(id);
        if (t == null) throw ApiException.notFound("terminal", id);
        Instant end = Params.instant("to", to, config.zone());
        if (end == null) end = health.clock().instant();
        Instant start = Params.instant("from", from, config.zone());
        if (start == null) start = end.minus(Duration.ofHours(1));
        if (!start.isBefore(end)) throw ApiException.invalid("from", "must be before to");
        Duration d = Params.duration("step", step);
        int max = config.samples().maxPoints();
        if (d != null && d.toMillis() < 1000) throw ApiException.invalid("step", "must be at least 1s");
        if (d != null && Duration.between(start, end).toMillis() / d.toMillis() > max) {
            throw ApiException.invalid("step", "gives more than " + max + " points for this range; use a larger step");
        }
        DeviceProfile p = inventory.profile(t.profile());
        List<String> metrics = new ArrayList<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (DeviceProfile.Metric m : p.metrics()) {
            if (m.type() == DeviceProfile.ValueType.TEXT) continue;
            metrics.add(m.name());
            if (m.unit() != null) units.put(m.name(), m.unit());
        }
        List<HistoryPoint> points;
        try {
            points = storage.samples().history(id, metrics, start, end, d, max);
        } catch (SampleStore.TooManyPointsException e) {
            throw ApiException.invalid("step", e.getMessage());
        }
        ZoneId zone = config.zone();
        return new SamplesView(id, Views.time(start, zone), Views.time(end, zone), d == null ? null : d.toString(), units,
                points.stream().map(h -> new PointView(Views.time(h.time(), zone), h.state(), d == null ? null : h.samples(), h.metrics())).toList());
    }

    static TerminalState parseState(String text) {
        try {
            return TerminalState.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("state", "'" + text + "' is not one of UP, DEGRADED, DOWN, UNKNOWN");
        }
    }
}
