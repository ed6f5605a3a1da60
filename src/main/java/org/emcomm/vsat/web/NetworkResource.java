package org.emcomm.vsat.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.TerminalStatus;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Hub;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.CycleReport;
import org.emcomm.vsat.polling.PollingService;
import org.emcomm.vsat.polling.Sample;
import org.emcomm.vsat.snmp.SnmpClient;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/network")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
    private final NetworkHealth health;
    private final Inventory inventory;
    private final PollingService polling;
    private final EmcommConfig config;

    private final AuditContext audit;
    private final ObjectMapper json;

    private final org.emcomm.vsat.shard.ShardService shard;

    NetworkResource(NetworkHealth health, Inventory inventory, PollingService polling, EmcommConfig config,
                    AuditContext audit, ObjectMapper json, org.emcomm.vsat.shard.ShardService shard) {
        this.shard = shard;
        this.audit = audit;
        this.json = json;
        this.health = health;
        this.inventory = inventory;
        this.polling = polling;
        this.config = config;
    }

    record HubView(String id, String name, String agent, String profile, String agentState, Views.Counts remotes) {}

    record CycleView(OffsetDateTime startedAt, long durationMs, int terminals, Map<Sample.PollStatus, Integer> byStatus, long requests) {}

    record PollHealth(boolean firstCycleDone, CycleView lastCycle, SnmpClient.Stats snmp) {}

    record Status(OffsetDateTime asOf, Views.Counts total, Map<String, Views.Counts> byRegion,
                  Map<String, Views.Counts> byHub, Map<String, Views.Counts> byBeam, List<HubView> hubs, PollHealth polling) {}

    record PollResult(CycleView cycle, List<Views.TerminalView> terminals) {}

    @GET
    @Path("/status")
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Snapshot: counts by state overall, by province, hub and beam; hub agents; poll cycle health")
    public Status status() {
        List<TerminalStatus> all = health.all();
        List<HubView> hubs = new ArrayList<>();
        for (Hub h : inventory.hubs()) {
            List<TerminalStatus> remotes = all.stream().filter(s -> s.terminal().hub().equals(h.id())).toList();
            hubs.add(new HubView(h.id(), h.name(), h.agent() == null ? null : h.agent().toString(), h.profile(),
                    agentState(h, remotes), Views.Counts.of(remotes)));
        }
        return new Status(Views.time(health.clock().instant(), config.zone()), Views.Counts.of(all),
                group(all, s -> { var p = inventory.province(s.terminal().region()); return p == null ? s.terminal().region() : p.id(); }),
                group(all, s -> s.terminal().hub()), group(all, s -> s.terminal().beam()), hubs,
                new PollHealth(polling.firstCycleDone(), cycle(polling.lastCycle()), polling.snmpStats()));
    }

    /** A hub agent's state as its table remotes last saw it. */
    private static String agentState(Hub h, List<TerminalStatus> remotes) {
        if (h.agent() == null) return "NONE";
        boolean any = false;
        for (TerminalStatus s : remotes) {
            if (!s.terminal().viaHub() || s.lastPollStatus() == null) continue;
            if (s.lastPollStatus() == Sample.PollStatus.PARENT_UNREACHABLE) return "UNREACHABLE";
            any = true;
        }
        return any ? "ANSWERING" : "UNKNOWN";
    }

    private static Map<String, Views.Counts> group(List<TerminalStatus> all, Function<TerminalStatus, String> key) {
        Map<String, List<TerminalStatus>> groups = all.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
        Map<String, Views.Counts> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, Views.Counts.of(v)));
        return out;
    }

    private CycleView cycle(CycleReport r) {
        return r == null ? null : new CycleView(Views.time(r.startedAt(), config.zone()), r.durationMillis(), r.terminals(), r.byStatus(), r.requests());
    }

    record MemberView(int index, OffsetDateTime lastHeard, long samples, long traps, int backlog, int owned) {}

    record ShardsView(int index, int count, String role, int owned, Integer previousCount, OffsetDateTime handoverUntil,
                      int terminals, List<MemberView> replicas) {}

    @GET
    @Path("/shards")
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Sharded polling as the records writer sees it: the count, its own shard, and every other replica it has heard from",
            description = "One replica (count 1) unless deployed sharded (k8s/README.md). Each other replica's samples, traps, backlog and owned terminals as last reported.")
    public ShardsView shards() {
        var s = shard.status();
        var zone = config.zone();
        return new ShardsView(s.index(), s.count(), s.role().name(), s.owned(), s.previousCount(),
                s.handoverUntil() == null ? null : Views.time(s.handoverUntil(), zone), inventory.terminals().size(),
                s.members().stream().map(m -> new MemberView(m.index(), Views.time(m.lastHeard(), zone), m.samples(), m.traps(),
                        m.backlog(), m.owned())).toList());
    }

    @POST
    @Path("/poll")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Poll these terminals now and answer with their fresh states",
            description = "region (repeatable) selects every terminal inside it; terminal (repeatable) names terminals; neither = the whole network")
    public CompletionStage<PollResult> poll(@QueryParam("region") List<String> regions, @QueryParam("terminal") List<String> terminals) {
        Set<Terminal> selected = new LinkedHashSet<>();
        for (String r : regions) {
            if (inventory.region(r) == null) throw ApiException.invalid("region", "unknown region '" + r + "'");
            for (Terminal t : inventory.terminals()) if (inventory.within(t.region(), r)) selected.add(t);
        }
        for (String id : terminals) {
            Terminal t = inventory.terminal(id);
            if (t == null) throw ApiException.invalid("terminal", "unknown terminal '" + id + "'");
            selected.add(t);
        }
        if (regions.isEmpty() && terminals.isEmpty()) selected.addAll(inventory.terminals());
        audit.describe("network.poll", regions.isEmpty() && terminals.isEmpty() ? "network" : String.join(",", regions.isEmpty() ? terminals : regions),
                json.valueToTree(Map.of("regions", regions, "terminals", terminals, "polled", selected.size())));
        return polling.pollNow(selected).thenApply(report -> new PollResult(cycle(report),
                selected.stream().map(t -> Views.terminal(health.status(t.id()), inventory, config.zone())).toList()));
    }
}
