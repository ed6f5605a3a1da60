package org.emcomm.vsat.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.simulator.Scenario;
import org.emcomm.vsat.simulator.ScenarioType;
import org.emcomm.vsat.simulator.SimNetwork;
import org.emcomm.vsat.simulator.SimulatorService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Scenarios on the built-in simulated network (demo and test profiles only). */
@Path("/api/simulator/scenarios")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorResource {
    static final long MAX_DURATION_SECONDS = 7 * 24 * 3600;

    private final SimulatorService simulator;

    private final AuditContext audit;
    private final ObjectMapper json;

    SimulatorResource(SimulatorService simulator, AuditContext audit, ObjectMapper json) {
        this.simulator = simulator;
        this.audit = audit;
        this.json = json;
    }

    public record ScenarioRequest(ScenarioType type, String target, Long durationSeconds, Double delaySeconds) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Start a scenario: TERMINAL_DOWN|RAIN_FADE|HUB_OUTAGE|BEAM_OUTAGE|FLAPPING|SLOW_AGENT|GARBAGE_VALUES|LINK_FADE")
    public Response start(ScenarioRequest body) {
        requireEnabled();
        if (body == null) throw ApiException.invalid("type", "a body {type, target, durationSeconds} is required");
        if (body.type() == null) throw ApiException.invalid("type", "is required");
        if (body.target() == null || body.target().isBlank()) {
            throw ApiException.invalid("target", "is required: a " + SimNetwork.targetKind(body.type()) + " id");
        }
        long seconds = body.durationSeconds() == null ? 300 : body.durationSeconds();
        if (seconds < 1 || seconds > MAX_DURATION_SECONDS) {
            throw ApiException.invalid("durationSeconds", "must be 1.." + MAX_DURATION_SECONDS);
        }
        double delay = body.delaySeconds() == null ? (body.type() == ScenarioType.LINK_FADE ? 0.1 : 3.0) : body.delaySeconds();
        if (!(delay >= 0 && delay <= 60)) throw ApiException.invalid("delaySeconds", "must be 0..60");
        try {
            Scenario s = simulator.start(body.type(), body.target().trim(), Duration.ofSeconds(seconds), delay);
            audit.describe("simulator.scenario.start", s.target(), json.valueToTree(Map.of("after", s)));
            return Response.status(201).entity(s).build();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("target", e.getMessage());
        }
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Scenarios in force")
    public List<Scenario> active() {
        requireEnabled();
        return simulator.active();
    }

    @DELETE
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Back to clear sky")
    public Response clear() {
        requireEnabled();
        List<Scenario> before = simulator.active();
        simulator.clear();
        audit.describe("simulator.scenarios.clear", null, json.valueToTree(Map.of("before", before)));
        return Response.noContent().build();
    }

    private void requireEnabled() {
        if (!simulator.enabled()) {
            throw new ApiException(404, "simulator-off", "Simulator not running",
                    "the built-in simulator runs only with emcomm.simulator.enabled=true (demo and test profiles)", List.of());
        }
    }
}
