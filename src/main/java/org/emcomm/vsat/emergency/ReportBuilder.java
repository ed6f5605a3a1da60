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
import org.emcomm.vsat.health.Observation;
import org.emcomm.vsat.health.StateEvaluator;
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
import org.emcomm.vsat.inventory.Topology.RegionLevel;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.FreshPoll;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;

/** Assembles a report's network facts from the terminals' statuses after the fresh poll: a pure function. */
final class ReportBuilder {
    private static final Map<NetworkFacts.Reported, Integer> SEVERITY = Map.of(NetworkFacts.Reported.OFFLINE, 0,
            NetworkFacts.Reported.UNKNOWN, 1, NetworkFacts.Reported.UNCONFIRMED, 2, NetworkFacts.Reported.DEGRADED, 3, NetworkFacts.Reported.ONLINE, 4);

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

    /** How a terminal is counted: what its answer to the fresh poll says; UNCONFIRMED when the poll did not hear from it
     * (yet) and its last known state was UP or DEGRADED; a terminal already DOWN or UNKNOWN stays so. */
    static NetworkFacts.Reported reported(TerminalState state, FreshPoll.Outcome fresh) {
        return switch (state) {
            case DOWN -> NetworkFacts.Reported.OFFLINE;
            case UNKNOWN -> NetworkFacts.Reported.UNKNOWN;
            case UP -> fresh == FreshPoll.Outcome.ANSWERED ? NetworkFacts.Reported.ONLINE : NetworkFacts.Reported.UNCONFIRMED;
            case DEGRADED -> fresh == FreshPoll.Outcome.ANSWERED ? NetworkFacts.Reported.DEGRADED : NetworkFacts.Reported.UNCONFIRMED;
        };
    }

    /** {@code fresh}: the fresh poll of the area as it stands now (running or done); null when there is none. */
    static NetworkFacts build(Inventory inventory, List<Terminal> area, Function<String, TerminalStatus> statusOf, FreshPoll fresh,
                              Collection<Incident> activeIncidents, List<SupportTask> tasks, Instant asOf) {
        List<NetworkFacts.TerminalFact> terminals = new ArrayList<>(area.size());
        int[] total = new int[Tally.SIZE];
        Map<String, int[]> hubs = new LinkedHashMap<>(), beams = new LinkedHashMap<>();
        Map<String, Tally> areas = new LinkedHashMap<>();
        Set<String> unreachableHubs = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Set<String> provinces = new HashSet<>();
        for (Terminal t : area) {
            TerminalStatus s = statusOf.apply(t.id());
            TerminalState state = s == null ? TerminalState.UNKNOWN : s.state();
            FreshPoll.Result r = fresh == null ? null : fresh.result(t.id());
            FreshPoll.Outcome outcome = r == null ? FreshPoll.Outcome.WAITING : r.outcome();
            DeviceProfile profile = inventory.profile(t.profile());
            // a terminal that answered the fresh poll is reported as its answer says, now: the state machine's hysteresis
            // (two answers before DOWN) is for alarms, not for a statement of fact
            Observation said = outcome == FreshPoll.Outcome.ANSWERED && profile != null ? StateEvaluator.evaluate(profile, r.sample()) : null;
            NetworkFacts.Reported rep = said != null ? reported(said.state(), outcome) : reported(state, outcome);
            Sample.PollStatus last = r != null && r.sample() != null ? r.sample().status() : s == null ? null : s.lastPollStatus();
            boolean off = rep == NetworkFacts.Reported.OFFLINE;
            Region county = level(inventory, t.region(), RegionLevel.COUNTY), prefecture = level(inventory, t.region(), RegionLevel.PREFECTURE);
            Tally.count(total, rep, outcome, t.critical());
            if (prefecture != null) areas.computeIfAbsent(prefecture.id(), k -> new Tally(prefecture)).add(rep, outcome, t.critical());
            if (county != null) areas.computeIfAbsent(county.id(), k -> new Tally(county)).add(rep, outcome, t.critical());
            int[] h = hubs.computeIfAbsent(t.hub(), k -> new int[2]);
            h[0]++;
            if (off) h[1]++;
            int[] b = beams.computeIfAbsent(t.beam(), k -> new int[2]);
            b[0]++;
            if (off) b[1]++;
            if (last == Sample.PollStatus.PARENT_UNREACHABLE) unreachableHubs.add(t.hub());
            ids.add(t.id());
            Region province = inventory.province(t.region());
            if (province != null) provinces.add(province.id());
            Region region = inventory.region(t.region());
            PlainReasons.Words why = said != null ? PlainReasons.of(said.state(), last, said.reason()) : PlainReasons.of(state, last, s == null ? null : s.reason());
            terminals.add(new NetworkFacts.TerminalFact(t.id(), t.name(), t.region(), region == null ? null : region.name(),
                    prefecture == null ? null : prefecture.id(), prefecture == null ? null : prefecture.name(), t.critical(),
                    t.hub(), t.beam(), state.name(), rep, outcome.name(), why.en(), why.zh(), s == null ? null : s.lastAnswer(),
                    reading(s, profile == null ? null : profile.signals().esNo()), reading(s, profile == null ? null : profile.signals().rxLevel())));
        }
        terminals.sort(Comparator.comparing((NetworkFacts.TerminalFact f) -> !f.critical())
                .thenComparing(f -> SEVERITY.getOrDefault(f.reported(), 9))
                .thenComparing(NetworkFacts.TerminalFact::id));
        List<NetworkFacts.AreaFact> areaFacts = new ArrayList<>();
        for (Region r : inventory.regions()) { // inventory order: prefectures then their counties, as written
            Tally a = areas.get(r.id());
            if (a != null) areaFacts.add(a.fact());
        }

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
        return new NetworkFacts(asOf, poll(fresh), Tally.counts(total), terminals, areaFacts, hubFacts, beamFacts, incidents, taskFacts);
    }

    static NetworkFacts.Poll poll(FreshPoll fresh) {
        if (fresh == null) return new NetworkFacts.Poll(null, null, 0, 0, 0, 0, 0, 0, true);
        FreshPoll.Progress p = fresh.progress();
        return new NetworkFacts.Poll(p.id(), p.startedAt(), p.millis(), p.polled(), p.answered(), p.noAnswer(), p.waiting(),
                p.noAnswer() + p.waiting(), p.complete());
    }

    /** The region at this level in the terminal's region chain, or null. */
    private static Region level(Inventory inventory, String regionId, RegionLevel level) {
        for (Region r = inventory.region(regionId); r != null; r = r.parent() == null ? null : inventory.region(r.parent())) {
            if (r.level() == level) return r;
        }
        return null;
    }

    /** Counts of one prefecture or county (or the whole area). */
    private static final class Tally {
        static final int ONLINE = 0, DEGRADED = 1, OFFLINE = 2, UNKNOWN = 3, UNCONFIRMED = 4, CRITICAL = 5, CRITICAL_OFF = 6,
                ANSWERED = 7, NO_ANSWER = 8, WAITING = 9, TOTAL = 10, SIZE = 11;
        final Region region;
        final int[] n = new int[SIZE];

        Tally(Region region) { this.region = region; }

        void add(NetworkFacts.Reported rep, FreshPoll.Outcome outcome, boolean critical) { count(n, rep, outcome, critical); }

        static void count(int[] n, NetworkFacts.Reported rep, FreshPoll.Outcome outcome, boolean critical) {
            n[TOTAL]++;
            n[rep.ordinal()]++; // Reported's order is ONLINE, DEGRADED, OFFLINE, UNKNOWN, UNCONFIRMED
            if (critical) {
                n[CRITICAL]++;
                if (rep == NetworkFacts.Reported.OFFLINE) n[CRITICAL_OFF]++;
            }
            n[switch (outcome) { case ANSWERED -> ANSWERED; case NO_ANSWER -> NO_ANSWER; case WAITING -> WAITING; }]++;
        }

        static NetworkFacts.Counts counts(int[] n) {
            return new NetworkFacts.Counts(n[TOTAL], n[ONLINE], n[DEGRADED], n[OFFLINE], n[UNKNOWN], n[UNCONFIRMED], n[CRITICAL], n[CRITICAL_OFF]);
        }

        NetworkFacts.AreaFact fact() {
            return new NetworkFacts.AreaFact(region.id(), region.name(), region.level().name(), region.parent(), n[TOTAL], n[ONLINE], n[DEGRADED],
                    n[OFFLINE], n[UNKNOWN], n[UNCONFIRMED], n[CRITICAL], n[CRITICAL_OFF], n[ANSWERED], n[NO_ANSWER], n[WAITING]);
        }
    }

    private static Double reading(TerminalStatus s, String metric) {
        if (s == null || metric == null || s.metrics() == null) return null;
        return s.metrics().get(metric) instanceof MetricValue.Reading r ? r.value() : null;
    }
}
