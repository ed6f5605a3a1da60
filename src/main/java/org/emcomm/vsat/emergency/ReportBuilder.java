package org.emcomm.vsat.emergency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.health.TerminalStatus;
import org.emcomm.vsat.incident.Condition;
import org.emcomm.vsat.incident.Incident;
import org.emcomm.vsat.incident.Scope;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Beam;
import org.emcomm.vsat.inventory.Topology.Hub;
import org.emcomm.vsat.inventory.Topology.Region;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;

/** Assembles a report's network facts from the terminals' statuses after the fresh poll: a pure function. */
final class ReportBuilder {
    private static final Map<TerminalState, Integer> SEVERITY = Map.of(TerminalState.DOWN, 0, TerminalState.UNKNOWN, 1,
            TerminalState.DEGRADED, 2, TerminalState.UP, 3);

    private ReportBuilder() {}

    /** The terminals inside any of the regions, in inventory order. */
    static List<Terminal> affected(Inventory inventory, Collection<String> regions) {
        List<Terminal> out = new ArrayList<>();
        for (Terminal t : inventory.terminals()) {
            for (String r : regions) {
                if (inventory.within(t.region(), r)) {
                    out.add(t);
                    break;
                }
            }
        }
        return out;
    }

    static NetworkFacts build(Inventory inventory, List<Terminal> area, Function<String, TerminalStatus> statusOf,
                              Collection<Incident> activeIncidents, List<SupportTask> tasks, NetworkFacts.Poll poll, Instant asOf) {
        List<NetworkFacts.TerminalFact> terminals = new ArrayList<>(area.size());
        int online = 0, degraded = 0, offline = 0, unknown = 0, critical = 0, criticalOffline = 0;
        Map<String, int[]> hubs = new LinkedHashMap<>(), beams = new LinkedHashMap<>();
        Set<String> unreachableHubs = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Set<String> provinces = new HashSet<>();
        for (Terminal t : area) {
            TerminalStatus s = statusOf.apply(t.id());
            TerminalState state = s == null ? TerminalState.UNKNOWN : s.state();
            switch (state) {
                case UP -> online++;
                case DEGRADED -> degraded++;
                case DOWN -> offline++;
                default -> unknown++;
            }
            boolean off = state == TerminalState.DOWN;
            if (t.critical()) {
                critical++;
                if (off) criticalOffline++;
            }
            int[] h = hubs.computeIfAbsent(t.hub(), k -> new int[2]);
            h[0]++;
            if (off) h[1]++;
            int[] b = beams.computeIfAbsent(t.beam(), k -> new int[2]);
            b[0]++;
            if (off) b[1]++;
            if (s != null && s.lastPollStatus() == Sample.PollStatus.PARENT_UNREACHABLE) unreachableHubs.add(t.hub());
            ids.add(t.id());
            Region province = inventory.province(t.region());
            if (province != null) provinces.add(province.id());
            Region region = inventory.region(t.region());
            DeviceProfile profile = inventory.profile(t.profile());
            terminals.add(new NetworkFacts.TerminalFact(t.id(), t.name(), t.region(), region == null ? null : region.name(), t.critical(),
                    t.hub(), t.beam(), state.name(), s == null ? "not polled yet" : s.reason(), s == null ? null : s.lastAnswer(),
                    reading(s, profile == null ? null : profile.signals().esNo()), reading(s, profile == null ? null : profile.signals().rxLevel())));
        }
        terminals.sort(Comparator.comparing((NetworkFacts.TerminalFact f) -> !f.critical())
                .thenComparing(f -> SEVERITY.getOrDefault(TerminalState.valueOf(f.state()), 9))
                .thenComparing(NetworkFacts.TerminalFact::id));

        Set<String> hubOutages = new HashSet<>(), beamOutages = new HashSet<>();
        List<NetworkFacts.IncidentFact> incidents = new ArrayList<>();
        for (Incident i : activeIncidents) {
            if (!i.active()) continue;
            Scope sc = i.scope();
            boolean here = switch (sc.kind()) {
                case TERMINAL -> ids.contains(sc.id());
                case HUB -> hubs.containsKey(sc.id());
                case BEAM -> beams.containsKey(sc.id());
                case REGION -> provinces.contains(sc.id());
            } || i.children().stream().anyMatch(c -> ids.contains(c.terminal()));
            if (!here) continue;
            if (i.condition() == Condition.HUB_OUTAGE) hubOutages.add(sc.id());
            if (i.condition() == Condition.BEAM_OUTAGE) beamOutages.add(sc.id());
            incidents.add(new NetworkFacts.IncidentFact(i.id(), i.title(), i.condition().name(), i.level().name(), i.major(), i.status().name(),
                    i.openedAt()));
        }
        incidents.sort(Comparator.comparing(NetworkFacts.IncidentFact::major).reversed()
                .thenComparing(NetworkFacts.IncidentFact::level).thenComparing(NetworkFacts.IncidentFact::id));

        List<NetworkFacts.HubFact> hubFacts = new ArrayList<>();
        hubs.forEach((id, c) -> {
            Hub h = inventory.hub(id);
            String state = hubOutages.contains(id) ? "OUTAGE" : unreachableHubs.contains(id) ? "UNREACHABLE" : "OK";
            hubFacts.add(new NetworkFacts.HubFact(id, h == null ? id : h.name(), state, c[0], c[1]));
        });
        List<NetworkFacts.BeamFact> beamFacts = new ArrayList<>();
        beams.forEach((id, c) -> {
            Beam b = inventory.beam(id);
            beamFacts.add(new NetworkFacts.BeamFact(id, b == null ? null : b.satellite(), b == null ? null : b.transponder(),
                    beamOutages.contains(id) ? "OUTAGE" : "OK", c[0], c[1]));
        });
        List<NetworkFacts.TaskFact> taskFacts = tasks.stream()
                .map(t -> new NetworkFacts.TaskFact(t.id(), t.title(), t.status().name(), t.team(), t.dueAt())).toList();
        return new NetworkFacts(asOf, poll, new NetworkFacts.Counts(area.size(), online, degraded, offline, unknown, critical, criticalOffline),
                terminals, hubFacts, beamFacts, incidents, taskFacts);
    }

    private static Double reading(TerminalStatus s, String metric) {
        if (s == null || metric == null || s.metrics() == null) return null;
        return s.metrics().get(metric) instanceof MetricValue.Reading r ? r.value() : null;
    }
}
