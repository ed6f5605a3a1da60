package org.emcomm.vsat.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.DeviceProfile.TrapAction;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Hub;
import org.emcomm.vsat.inventory.Topology.Terminal;

/**
 * Detection, reduction, correlation and grading: poll signals, trap signals and the passing of
 * time in; incident events out (through the {@link Sink}). Single-threaded by contract: the service
 * runs it on one thread. Its only durable state is the {@link IncidentBook}, which it changes only
 * through events; what it keeps itself (per-terminal tracks, pending conditions) is rebuilt from
 * fresh polls after a restart.
 *
 * <p>Parent first: a terminal is <em>out</em> as soon as its own answer says the link is lost, or two polls in
 * a row (the second a confirming one) went unanswered, long before its state's hysteresis makes it DOWN. A
 * beam or hub whose terminals go out together is raised on that evidence; a terminal's own incident waits
 * until every other terminal of its beam and hub has been polled since it went out (at most the correlation
 * wait), so it opens only when it is not part of a larger outage. Children join and recover in batches:
 * one timeline entry per parent and tick, naming the terminals.
 */
final class IncidentEngine {
    static final String SYSTEM = "system";
    /** The longest note on an incident (acknowledge, resolve, note), in characters. */
    static final int NOTE_LIMIT = 8_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where decided events go: the journal in the service, the book directly in tests. */
    interface Sink {
        void emit(String type, String incidentId, String actor, ObjectNode payload, Instant at);
    }

    private final Inventory inventory;
    private final IncidentRules rules;
    private final MajorRule majorRule;
    private final OperationsCalendar operations;
    private final IncidentBook book;
    private final Sink sink;
    private final Map<String, Track> tracks = new HashMap<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Group> beams = new HashMap<>(), hubs = new HashMap<>(), provinces = new HashMap<>();
    /** Hubs whose agent is confirmed silent (HUB_OUTAGE stays open while it is). */
    private final Set<String> silentHubAgents = new HashSet<>();
    /** Hubs whose NMS says the hub itself is out of service (a chassis, a protocol processor), with why: HUB_OUTAGE
     * stays open while it says so. */
    private final Map<String, String> faultyHubs = new HashMap<>();
    /** Reads of each hub's tables in a row that went unanswered, as its remotes' samples tell. */
    private final Map<String, Integer> hubMisses = new HashMap<>();
    /** When each hub's beams were last checked because its agent missed a read. */
    private final Map<String, Instant> hubChecked = new HashMap<>();
    /** Children joining (or recovering from) each parent since the last flush, written as one event per parent. */
    private final Map<String, Set<String>> attaching = new LinkedHashMap<>(), recovering = new LinkedHashMap<>();
    /** Per tick: the earliest latest-signal of each group's terminals (has correlation seen all of them since?). */
    private final Map<Group, Instant> quietest = new HashMap<>();

    /** What the engine remembers of one terminal between signals. */
    private static final class Track {
        TerminalState state = TerminalState.UNKNOWN;
        Instant downSince;
        final ArrayDeque<Instant> transitions = new ArrayDeque<>();
        Instant lastTransition;
        Double uptime;
        Instant uptimeAt;
        Double baseline;
        boolean fading;
        Instant fadeSince;
        /** Its latest poll signal. */
        Instant lastSignal;
        /** Out of service by its own evidence since then (a lost link in its answer, or confirmed missed polls); null when in. */
        Instant outSince;
        /** Its own polls unanswered in a row. */
        int misses;
        /** Reads of its hub's tables in a row that went unanswered (a remote read through them). */
        int hubMisses;
    }

    /** The terminals of one beam, hub or province, and how many of them are out now. */
    private static final class Group {
        final List<Terminal> members = new ArrayList<>();
        /** Members read through a hub's tables, per hub: they cannot be seen while that hub's agent is away. */
        final Map<String, Integer> viaHub = new HashMap<>();
        int out;

        void add(Terminal t) {
            members.add(t);
            if (t.viaHub()) viaHub.merge(t.hub(), 1, Integer::sum);
        }
    }

    private record Pending(Terminal terminal, Condition condition, String reason, Instant detectedAt, String source, int count) {}

    IncidentEngine(Inventory inventory, IncidentRules rules, MajorRule majorRule, OperationsCalendar operations,
                   IncidentBook book, Sink sink) {
        this.inventory = inventory;
        this.rules = rules;
        this.majorRule = majorRule;
        this.operations = operations;
        this.book = book;
        this.sink = sink;
        for (Terminal t : inventory.terminals()) {
            tracks.put(t.id(), new Track());
            hubs.computeIfAbsent(t.hub(), k -> new Group()).add(t);
            beams.computeIfAbsent(t.beam(), k -> new Group()).add(t);
            var p = inventory.province(t.region());
            if (p != null) provinces.computeIfAbsent(p.id(), k -> new Group()).add(t);
        }
    }

    // ---- polls ---------------------------------------------------------------------------------

    /** sysUpTime is TimeTicks: it wraps to 0 after 2^32 hundredths of a second (497 days) without a reboot. */
    static final double UPTIME_WRAP_SECONDS = 4294967296.0 / 100;

    /** Whether uptime going back is the TimeTicks wrap: the old value plus the time since, less one wrap, is the
     * new value (within two minutes). */
    static boolean uptimeWrapped(double before, Instant beforeAt, double after, Instant now) {
        if (beforeAt == null) return false;
        double expected = before + Math.max(0, java.time.Duration.between(beforeAt, now).toMillis() / 1000.0);
        return expected >= UPTIME_WRAP_SECONDS - 120 && Math.abs(after - (expected - UPTIME_WRAP_SECONDS)) <= 120;
    }

    void poll(PollSignal s) {
        Terminal t = s.terminal();
        Track tr = tracks.get(t.id());
        if (tr == null) return;
        Instant now = s.at();
        if (s.uptimeSeconds() != null) {
            if (tr.uptime != null && s.uptimeSeconds() + 1 < tr.uptime && !uptimeWrapped(tr.uptime, tr.uptimeAt, s.uptimeSeconds(), now)) {
                raise(t, Condition.REBOOT, String.format(Locale.ROOT, "uptime went back from %.0f s to %.0f s", tr.uptime, s.uptimeSeconds()), now, "poll");
            }
            tr.uptime = s.uptimeSeconds();
            tr.uptimeAt = now;
        }
        tr.lastSignal = now;
        // a lost lock is an outage, not rain: only a terminal whose link holds can be fading. Fading is decided
        // before the state change, so a terminal degraded by the rain joins the rain fade instead of waiting alone.
        if (s.linkLost() && tr.fading) fadeEnded(t, tr, now);
        else if (s.esNo() != null && s.answered() && !s.linkLost()) fade(t, tr, s.esNo(), now);
        int hubReads = 0;
        if (t.viaHub()) {
            // each read of the hub's tables gives each remote read one sample: its count is the hub's reads in a row
            tr.hubMisses = s.parentUnreachable() ? tr.hubMisses + 1 : 0;
            hubReads = tr.hubMisses;
            if (hubReads == 0) hubMisses.remove(t.hub());
            else hubMisses.merge(t.hub(), hubReads, Math::max);
        }
        out(t, tr, s, now);
        if (t.viaHub()) hubAgent(t.hub(), !s.parentUnreachable(), hubReads, now);
        if (s.changed()) transition(t, tr, s.from(), s.state(), s.reason(), s.parentUnreachable(), now);
        else staleClear(t, s.state(), now);
    }

    /**
     * Whether the terminal is out of service by its own evidence: its answer says the link is lost (at once, before
     * hysteresis), or its own polls went unanswered twice in a row (the second poll confirms with more tries, so one
     * lost datagram is not an outage). A sample that says nothing either way (its hub's agent did not answer, its agent
     * refused us) leaves it as it was. Becoming out may raise its beam or hub.
     */
    private void out(Terminal t, Track tr, PollSignal s, Instant now) {
        tr.misses = s.missed() ? tr.misses + 1 : s.answered() ? 0 : tr.misses;
        boolean out = s.answered() ? s.linkLost() : s.missed() ? tr.misses >= 2 || tr.outSince != null : tr.outSince != null;
        if (out == (tr.outSince != null)) return;
        int d = out ? 1 : -1;
        Group b = beams.get(t.beam()), h = hubs.get(t.hub());
        if (b != null) b.out += d;
        if (h != null) h.out += d;
        if (!out) {
            tr.outSince = null;
            return;
        }
        tr.outSince = now;
        correlate(t, now);
    }

    private void transition(Terminal t, Track tr, TerminalState from, TerminalState to, String reason, boolean parentUnreachable, Instant now) {
        tr.state = to;
        tr.lastTransition = now;
        // UNKNOWN comes and goes with our view (start-up, a hub agent away), not with the terminal
        if (from != TerminalState.UNKNOWN && to != TerminalState.UNKNOWN) tr.transitions.addLast(now);
        while (!tr.transitions.isEmpty() && tr.transitions.peekFirst().isBefore(now.minus(rules.flapWindow()))) tr.transitions.removeFirst();
        if (to == TerminalState.UP) tr.downSince = null;
        else if (tr.downSince == null) tr.downSince = now;
        boolean flapping = from != TerminalState.UNKNOWN && to != TerminalState.UNKNOWN && tr.transitions.size() >= rules.flapTransitions();
        String why = "terminal " + to + ": " + reason;
        for (Condition c : List.of(Condition.TERMINAL_DOWN, Condition.TERMINAL_DEGRADED, Condition.MONITORING_LOST)) {
            if (!holds(c, to)) clear(t, c, why, now);
        }
        if (to == TerminalState.UP) childBack(t, now);
        if (flapping) flapping(t, tr, now);
        if (to == TerminalState.UP) return;
        Condition c = to == TerminalState.DOWN ? Condition.TERMINAL_DOWN : to == TerminalState.DEGRADED ? Condition.TERMINAL_DEGRADED
                : parentUnreachable ? null : Condition.MONITORING_LOST;
        if (to != TerminalState.DEGRADED) correlate(t, now);
        if (c != null) raise(t, c, reason, now, "poll");
        else attachIfCovered(t, Condition.TERMINAL_DOWN, now);
    }

    private static boolean holds(Condition c, TerminalState s) {
        return switch (c) {
            case TERMINAL_DOWN -> s == TerminalState.DOWN;
            case TERMINAL_DEGRADED -> s == TerminalState.DEGRADED;
            case MONITORING_LOST -> s == TerminalState.UNKNOWN;
            default -> true;
        };
    }

    /** Without a state change: an incident whose condition the polls have not shown for a while ends
     * (a trap-raised condition the modem never confirmed, or one left open across a restart). */
    private void staleClear(Terminal t, TerminalState state, Instant now) {
        for (Condition c : List.of(Condition.TERMINAL_DOWN, Condition.TERMINAL_DEGRADED, Condition.MONITORING_LOST)) {
            if (holds(c, state)) continue;
            IncidentBook.Rec r = book.active(key(t, c));
            if (r != null && !r.lastSeen.plus(rules.clearAfter()).isAfter(now)) {
                resolve(r, "polls have shown the terminal " + state + " for " + minutes(Duration.between(r.lastSeen, now))
                        + " since the condition was last seen", now);
            }
        }
    }

    // ---- traps ---------------------------------------------------------------------------------

    void trap(TrapSignal s) {
        Condition c = switch (s.condition()) {
            case TERMINAL_DOWN -> Condition.TERMINAL_DOWN;
            case TERMINAL_DEGRADED -> Condition.TERMINAL_DEGRADED;
            case REBOOT -> Condition.REBOOT;
            case HUB_OUTAGE -> throw new IllegalArgumentException("a trap about a hub comes as a HubSignal");
        };
        String why = "trap " + s.trap() + " from " + s.source();
        if (s.action() == TrapAction.RAISE) raise(s.terminal(), c, why, s.at(), "trap");
        else clear(s.terminal(), c, why, s.at());
    }

    // ---- reduction -----------------------------------------------------------------------------

    private void raise(Terminal t, Condition c, String reason, Instant now, String source) {
        String key = key(t, c);
        IncidentBook.Rec open = book.active(key);
        // an own incident that a parent now covers goes into the parent rather than counting on
        if (open != null && c != Condition.REBOOT && attachIfCovered(t, c, now)) return;
        if (open != null) {
            emit(IncidentBook.REPEATED, open.id, SYSTEM, payload().put("reason", reason).put("source", source), now);
            return;
        }
        if (c == Condition.TERMINAL_DOWN || c == Condition.TERMINAL_DEGRADED) {
            IncidentBook.Rec flap = book.active(key(t, Condition.FLAPPING));
            if (flap != null) {
                emit(IncidentBook.REPEATED, flap.id, SYSTEM, payload().put("reason", reason).put("source", source), now);
                return;
            }
        }
        if (c != Condition.REBOOT && attachIfCovered(t, c, now)) return;
        IncidentBook.Rec last = book.last(key);
        if (last != null && reopenable(last, now)) {
            emit(IncidentBook.REOPENED, last.id, SYSTEM, payload().put("reason", reason).put("source", source), now);
            return;
        }
        if (c == Condition.REBOOT) {
            open(c, new Scope(Scope.Kind.TERMINAL, t.id()), key, "Terminal " + t.id() + " rebooted", reason, source, now, now, 1, List.of(t));
            return;
        }
        Pending p = pending.get(key);
        pending.put(key, p == null ? new Pending(t, c, reason, now, source, 1) : new Pending(t, c, p.reason(), p.detectedAt(), p.source(), p.count() + 1));
    }

    private boolean reopenable(IncidentBook.Rec r, Instant now) {
        return !r.active() && !"MERGED".equals(r.resolution) && !r.resolvedAt.plus(rules.reopenWindow()).isBefore(now);
    }

    private void clear(Terminal t, Condition c, String why, Instant now) {
        String key = key(t, c);
        pending.remove(key);
        IncidentBook.Rec r = book.active(key);
        if (r != null) resolve(r, why, now);
    }

    // ---- flapping ------------------------------------------------------------------------------

    private void flapping(Terminal t, Track tr, Instant now) {
        String fkey = key(t, Condition.FLAPPING);
        if (book.active(fkey) != null) return;
        String reason = tr.transitions.size() + " state changes within " + minutes(rules.flapWindow());
        String title = "Terminal " + t.id() + " flapping";
        pending.remove(key(t, Condition.TERMINAL_DOWN));
        pending.remove(key(t, Condition.TERMINAL_DEGRADED));
        IncidentBook.Rec base = book.active(key(t, Condition.TERMINAL_DOWN));
        if (base == null) base = book.active(key(t, Condition.TERMINAL_DEGRADED));
        if (base == null) {
            IncidentBook.Rec last = book.last(key(t, Condition.TERMINAL_DOWN));
            if (last != null && reopenable(last, now)) {
                emit(IncidentBook.REOPENED, last.id, SYSTEM, payload().put("reason", reason), now);
                base = last;
            }
        }
        if (base != null) {
            emit(IncidentBook.CONDITION, base.id, SYSTEM, payload().put("condition", Condition.FLAPPING.name()).put("key", fkey)
                    .put("title", title).put("reason", reason), now);
        } else {
            open(Condition.FLAPPING, new Scope(Scope.Kind.TERMINAL, t.id()), fkey, title, reason, "poll", now, now, 1, List.of(t));
        }
    }

    // ---- correlation: hub and beam -------------------------------------------------------------

    /**
     * A read of a hub's tables, as one of its remotes' samples tells: answered, or the {@code misses}-th in a row without
     * an answer. Enough misses in a row make a HUB_OUTAGE on their own; one is enough when one of the hub's beams is
     * already out (the hub, not the beam).
     */
    private void hubAgent(String hubId, boolean answering, int misses, Instant now) {
        IncidentBook.Rec r = book.active(Scope.key(Scope.Kind.HUB, hubId, Condition.HUB_OUTAGE));
        if (answering) {
            if (silentHubAgents.remove(hubId) && r != null) settleParent(r, now);
            return;
        }
        if (misses >= rules.hubSilentReads()) {
            if (silentHubAgents.add(hubId) && r == null) {
                raiseParent(Condition.HUB_OUTAGE, hubId, "hub " + hubId + ": its management agent did not answer " + misses + " reads in a row", now);
            }
            return;
        }
        if (r != null) return;
        if (beamOutageOf(inventory.hub(hubId)) != null) {
            raiseParent(Condition.HUB_OUTAGE, hubId, "hub " + hubId + ": its management agent stopped answering while its terminals lost service", now);
        } else if (misses == 1 && !now.equals(hubChecked.put(hubId, now))) {
            // its remotes are out of sight now: do the terminals still seen tell of an outage? (once per read, not per remote)
            correlate(inventory.hub(hubId), now);
        }
    }

    /**
     * The hub's NMS says the hub itself is out of service ({@code faulty}: a chassis or protocol processor offline, by a
     * read of its tables or a trap), or in service again. A fault opens HUB_OUTAGE at once, its remotes' outages
     * joining it as they come; the parent stays open while the fault lasts, then resolves as its terminals come back.
     */
    void hub(HubSignal s) { hubFault(s.hub(), s.faulty(), s.reason(), s.at()); }

    void hubFault(String hubId, boolean faulty, String reason, Instant now) {
        if (inventory.hub(hubId) == null) return;
        IncidentBook.Rec r = book.active(Scope.key(Scope.Kind.HUB, hubId, Condition.HUB_OUTAGE));
        if (faulty) {
            boolean first = faultyHubs.put(hubId, reason) == null;
            if (r == null) raiseParent(Condition.HUB_OUTAGE, hubId, "hub " + hubId + ": " + reason, now);
            else if (first) emit(IncidentBook.REPEATED, r.id, SYSTEM, payload().put("reason", reason).put("source", "hub"), now);
            return;
        }
        if (faultyHubs.remove(hubId) != null && r != null) settleParent(r, now);
    }

    private boolean hubAway(String hubId) {
        Hub h = inventory.hub(hubId);
        return h != null && h.agent() != null && hubMisses.getOrDefault(hubId, 0) > 0;
    }

    /** An active BEAM_OUTAGE on one of the hub's beams, or null. */
    private IncidentBook.Rec beamOutageOf(Hub hub) {
        if (hub == null) return null;
        for (String b : hub.beams()) {
            IncidentBook.Rec r = book.active(Scope.key(Scope.Kind.BEAM, b, Condition.BEAM_OUTAGE));
            if (r != null) return r;
        }
        return null;
    }

    /**
     * A terminal went out: has its beam or hub now lost service together? The hub, when two of its beams are out (the
     * second at half the share), or its agent stopped answering too; otherwise the beam.
     */
    private void correlate(Terminal t, Instant now) {
        if (covering(t, Condition.TERMINAL_DOWN) != null) return;
        Hub hub = inventory.hub(t.hub());
        if (!mayQualify(beams.get(t.beam())) && !mayQualify(hubs.get(hub.id()))) return; // the common case, without a scan
        if (!hub.beams().contains(t.beam()) && shareOut(beams.get(t.beam()), now, rules.parentShare())) {
            raiseParent(Condition.BEAM_OUTAGE, t.beam(), "beam " + t.beam() + ": " + outOf(beams.get(t.beam())) + " lost service together", now);
            return;
        }
        correlate(hub, now);
    }

    /** The hub's beams and the hub itself, against their shares of terminals out. */
    private void correlate(Hub hub, Instant now) {
        if (book.active(Scope.key(Scope.Kind.HUB, hub.id(), Condition.HUB_OUTAGE)) != null) return;
        List<String> hubBeams = hub.beams();
        List<String> qualifying = new ArrayList<>();
        for (String beam : hubBeams) {
            if (book.active(Scope.key(Scope.Kind.BEAM, beam, Condition.BEAM_OUTAGE)) == null && shareOut(beams.get(beam), now, rules.parentShare())) {
                qualifying.add(beam);
            }
        }
        if (qualifying.isEmpty()) {
            if (shareOut(hubs.get(hub.id()), now, rules.parentShare())) {
                raiseParent(Condition.HUB_OUTAGE, hub.id(), "hub " + hub.id() + ": " + outOf(hubs.get(hub.id())) + " lost service together", now);
            }
            return;
        }
        int alsoOut = 0;
        for (String beam : hubBeams) if (!qualifying.contains(beam) && shareOut(beams.get(beam), now, rules.parentShare() / 2)) alsoOut++;
        if (qualifying.size() + alsoOut >= 2 || hubAway(hub.id())) {
            raiseParent(Condition.HUB_OUTAGE, hub.id(), "hub " + hub.id() + ": terminals on " + (qualifying.size() + alsoOut) + " of its "
                    + hubBeams.size() + " beam(s) lost service together" + (hubAway(hub.id()) ? " and its management agent stopped answering" : ""), now);
        } else {
            String beam = qualifying.get(0);
            raiseParent(Condition.BEAM_OUTAGE, beam, "beam " + beam + ": " + outOf(beams.get(beam)) + " lost service together", now);
        }
    }

    /** Terminals of the group that can be seen now: not those read through a hub whose agent is away. */
    private int observable(Group g) {
        int n = g.members.size();
        for (Map.Entry<String, Integer> e : g.viaHub.entrySet()) if (hubAway(e.getKey())) n -= e.getValue();
        return n;
    }

    /** A cheap necessary condition for {@link #shareOut}: enough of the group is out at all. */
    private boolean mayQualify(Group g) {
        if (g == null) return false;
        int seen = observable(g);
        return seen >= rules.parentMinTerminals() && g.out >= Math.ceil(rules.parentShare() * seen);
    }

    /** At least {@code share} of the group's observable terminals went out within the parent window and still are. */
    private boolean shareOut(Group g, Instant now, double share) {
        if (g == null) return false;
        int seen = observable(g);
        if (seen < rules.parentMinTerminals()) return false;
        Instant since = now.minus(rules.parentWindow());
        int out = 0;
        for (Terminal c : g.members) {
            Track tr = tracks.get(c.id());
            if (tr.outSince != null && !tr.outSince.isBefore(since) && !(c.viaHub() && hubAway(c.hub()))) out++;
        }
        return out > 0 && out >= Math.ceil(share * seen);
    }

    private String outOf(Group g) { return g.out + " of " + observable(g) + " terminals"; }

    /**
     * Opens (or reopens) the parent incident with every affected terminal as a child, absorbing their own conditions. A
     * hub outage found after one of its beams' outages widens that incident instead of opening a second one.
     */
    private void raiseParent(Condition c, String scopeId, String reason, Instant now) {
        Scope.Kind kind = c.scope();
        String key = Scope.key(kind, scopeId, c);
        if (book.active(key) != null) return;
        Group g = c == Condition.HUB_OUTAGE ? hubs.get(scopeId) : beams.get(scopeId);
        List<Terminal> scopeTerminals = g == null ? List.of() : g.members;
        List<Terminal> affected = new ArrayList<>();
        boolean hubSilent = c == Condition.HUB_OUTAGE && hubAway(scopeId);
        for (Terminal t : scopeTerminals) {
            Track tr = tracks.get(t.id());
            // downSince is set only by a transition away from UP: an unpolled terminal is not affected
            if (tr.outSince != null || tr.downSince != null || pendingFor(t) || ownOutage(t) || hubSilent && t.viaHub() && t.hub().equals(scopeId)) {
                affected.add(t);
            }
        }
        String title = (c == Condition.HUB_OUTAGE ? "Hub " : "Beam ") + scopeId + " outage";
        ResponseLevel level = Grading.level(inventory, scopeTerminals);
        if (c == Condition.HUB_OUTAGE && widen(inventory.hub(scopeId), key, title, reason, level, affected, now)) return;
        IncidentBook.Rec last = book.last(key);
        String id;
        if (last != null && reopenable(last, now)) {
            emit(IncidentBook.REOPENED, last.id, SYSTEM, payload().put("reason", reason), now);
            id = last.id;
            for (Terminal t : affected) attach(last, t);
        } else {
            id = open(c, new Scope(kind, scopeId), key, title, reason, "correlation", now, now, 1, affected, level);
        }
        for (Terminal t : affected) absorb(t, id, now, Condition.TERMINAL_DOWN, Condition.MONITORING_LOST, Condition.TERMINAL_DEGRADED);
    }

    /** The hub's beam outages become its hub outage: the first one changes scope and condition, the others merge into it. */
    private boolean widen(Hub hub, String key, String title, String reason, ResponseLevel level, List<Terminal> affected, Instant now) {
        List<IncidentBook.Rec> beamOutages = new ArrayList<>();
        for (String b : hub.beams()) {
            IncidentBook.Rec r = book.active(Scope.key(Scope.Kind.BEAM, b, Condition.BEAM_OUTAGE));
            if (r != null) beamOutages.add(r);
        }
        if (beamOutages.isEmpty()) return false;
        IncidentBook.Rec first = beamOutages.get(0);
        ObjectNode p = payload().put("condition", Condition.HUB_OUTAGE.name()).put("key", key).put("title", title)
                .put("reason", reason + " (was " + first.title + ")");
        p.putObject("scope").put("kind", Scope.Kind.HUB.name()).put("id", hub.id());
        if (level.above(first.level) && !first.classification.manual()) p.put("level", level.name());
        emit(IncidentBook.CONDITION, first.id, SYSTEM, p, now);
        for (IncidentBook.Rec other : beamOutages.subList(1, beamOutages.size())) {
            flushParent(other.id, now);
            for (Incident.Child child : other.children.values()) {
                Terminal t = inventory.terminal(child.terminal());
                if (child.recoveredAt() == null && t != null) attach(first, t);
            }
            emit(IncidentBook.MERGED, other.id, SYSTEM, payload().put("into", first.id), now);
        }
        for (Terminal t : affected) {
            attach(first, t);
            absorb(t, first.id, now, Condition.TERMINAL_DOWN, Condition.MONITORING_LOST, Condition.TERMINAL_DEGRADED);
        }
        return true;
    }

    /** A trap may have opened the terminal's incident before any poll saw it go down. */
    private boolean ownOutage(Terminal t) {
        return book.active(key(t, Condition.TERMINAL_DOWN)) != null || book.active(key(t, Condition.MONITORING_LOST)) != null;
    }

    private boolean pendingFor(Terminal t) {
        return pending.containsKey(key(t, Condition.TERMINAL_DOWN)) || pending.containsKey(key(t, Condition.MONITORING_LOST));
    }

    /** The active parent or rain-fade incident that covers this terminal for this condition. */
    private IncidentBook.Rec covering(Terminal t, Condition c) {
        IncidentBook.Rec r = book.active(Scope.key(Scope.Kind.HUB, t.hub(), Condition.HUB_OUTAGE));
        if (r == null) r = book.active(Scope.key(Scope.Kind.BEAM, t.beam(), Condition.BEAM_OUTAGE));
        if (r == null && c == Condition.TERMINAL_DEGRADED && tracks.get(t.id()).fading) r = rainFadeOf(t);
        return r;
    }

    private IncidentBook.Rec rainFadeOf(Terminal t) {
        var province = inventory.province(t.region());
        IncidentBook.Rec r = province == null ? null : book.active(Scope.key(Scope.Kind.REGION, province.id(), Condition.RAIN_FADE));
        return r != null ? r : book.active(Scope.key(Scope.Kind.BEAM, t.beam(), Condition.RAIN_FADE));
    }

    private boolean attachIfCovered(Terminal t, Condition c, Instant now) {
        IncidentBook.Rec parent = covering(t, c);
        if (parent == null) return false;
        attach(parent, t);
        absorb(t, parent.id, now, Condition.TERMINAL_DOWN, Condition.MONITORING_LOST, Condition.TERMINAL_DEGRADED);
        return true;
    }

    // ---- children, in batches --------------------------------------------------------------------

    /** Whether the terminal is an active child of the parent, counting the batch not yet written. */
    private boolean childActive(IncidentBook.Rec parent, String terminal) {
        Set<String> rec = recovering.get(parent.id);
        if (rec != null && rec.contains(terminal)) return false;
        Set<String> att = attaching.get(parent.id);
        return att != null && att.contains(terminal) || parent.hasActiveChild(terminal);
    }

    private void attach(IncidentBook.Rec parent, Terminal t) {
        Set<String> rec = recovering.get(parent.id);
        if (rec != null && rec.remove(t.id())) return; // back and out again within one batch: still a child
        if (parent.hasActiveChild(t.id())) return;
        attaching.computeIfAbsent(parent.id, k -> new LinkedHashSet<>()).add(t.id());
    }

    private void recover(IncidentBook.Rec parent, Terminal t) {
        Set<String> att = attaching.get(parent.id);
        if (att != null && att.remove(t.id())) return; // joined and back within one batch: never shown as a child
        if (parent.hasActiveChild(t.id())) recovering.computeIfAbsent(parent.id, k -> new LinkedHashSet<>()).add(t.id());
    }

    /** Writes every parent's batch: one ATTACHED and one RECOVERED event per parent at most, naming the terminals. */
    void flush(Instant now) {
        Set<String> parents = new LinkedHashSet<>(attaching.keySet());
        parents.addAll(recovering.keySet());
        for (String id : parents) flushParent(id, now);
    }

    private void flushParent(String id, Instant now) {
        Set<String> att = attaching.remove(id), rec = recovering.remove(id);
        IncidentBook.Rec r = book.rec(id);
        if (r == null) return;
        if (att != null && !att.isEmpty() && r.active()) emit(IncidentBook.ATTACHED, id, SYSTEM, payload().set("terminals", names(att)), now);
        if (rec != null && !rec.isEmpty()) {
            emit(IncidentBook.RECOVERED, id, SYSTEM, payload().set("terminals", names(rec)), now);
            if (r.active()) parentCheck(r, now);
        }
    }

    /** Writes the parent's batch, then resolves it if nothing holds it open any more. */
    private void settleParent(IncidentBook.Rec r, Instant now) {
        flushParent(r.id, now);
        if (r.active()) parentCheck(r, now);
    }

    private void parentCheck(IncidentBook.Rec r, Instant now) {
        if (r.condition == Condition.RAIN_FADE) {
            if (r.activeChildren() == 0) resolve(r, "no terminal of it fading any more (" + r.children.size() + " affected in all)", now);
        } else if (r.condition == Condition.HUB_OUTAGE || r.condition == Condition.BEAM_OUTAGE) {
            resolveParentIfBack(r, now);
        }
    }

    /** A child's own conditions go into its parent: pending ones are dropped, open ones merged. */
    private void absorb(Terminal t, String parentId, Instant now, Condition... conditions) {
        for (Condition c : conditions) {
            pending.remove(key(t, c));
            IncidentBook.Rec own = book.active(key(t, c));
            if (own != null) emit(IncidentBook.MERGED, own.id, SYSTEM, payload().put("into", parentId), now);
        }
    }

    /** A terminal is UP again: it recovers as a child of its hub's or beam's outage (written with the next batch). */
    private void childBack(Terminal t, Instant now) {
        for (String key : List.of(Scope.key(Scope.Kind.HUB, t.hub(), Condition.HUB_OUTAGE), Scope.key(Scope.Kind.BEAM, t.beam(), Condition.BEAM_OUTAGE))) {
            IncidentBook.Rec r = book.active(key);
            if (r != null && childActive(r, t.id())) recover(r, t);
        }
    }

    private void resolveParentIfBack(IncidentBook.Rec r, Instant now) {
        if (r.condition == Condition.HUB_OUTAGE && (silentHubAgents.contains(r.scope.id()) || faultyHubs.containsKey(r.scope.id()))) return;
        if (r.activeChildren() == 0) resolve(r, "all " + r.children.size() + " affected terminals are back", now);
    }

    // ---- correlation: rain fade ----------------------------------------------------------------

    private void fade(Terminal t, Track tr, double esNo, Instant now) {
        if (tr.baseline == null) {
            tr.baseline = esNo;
            return;
        }
        double drop = tr.baseline - esNo;
        // while a rain fade is on over its province or beam, half the drop is the same rain (and where fading ends)
        boolean joins = !tr.fading && drop >= rules.fadeDropDb() / 2 && rainFadeOf(t) != null;
        if (!tr.fading && (drop >= rules.fadeDropDb() || joins)) {
            tr.fading = true;
            tr.fadeSince = now;
            fadeStarted(t, drop, now);
        } else if (tr.fading && drop < rules.fadeDropDb() / 2) {
            fadeEnded(t, tr, now);
        }
        // the clear-sky baseline follows slow changes, never a fade
        if (!tr.fading) tr.baseline += 0.05 * (esNo - tr.baseline);
    }

    private void fadeEnded(Terminal t, Track tr, Instant now) {
        tr.fading = false;
        tr.fadeSince = null;
        IncidentBook.Rec r = rainFadeOf(t);
        if (r != null && childActive(r, t.id())) recover(r, t);
    }

    private void fadeStarted(Terminal t, double drop, Instant now) {
        IncidentBook.Rec r = rainFadeOf(t);
        if (r != null) {
            attach(r, t);
            absorb(t, r.id, now, Condition.TERMINAL_DEGRADED);
            return;
        }
        var province = inventory.province(t.region());
        List<Terminal> group = province == null ? List.of() : fading(members(provinces, province.id()), now);
        Scope scope = province == null ? null : new Scope(Scope.Kind.REGION, province.id());
        if (group.size() < rules.fadeTerminals()) {
            group = fading(members(beams, t.beam()), now);
            scope = new Scope(Scope.Kind.BEAM, t.beam());
        }
        if (group.size() < rules.fadeTerminals()) return;
        String key = Scope.key(scope.kind(), scope.id(), Condition.RAIN_FADE);
        String reason = String.format(Locale.ROOT, "Es/No down %.1f dB or more on %d terminals within %s; their agents answer",
                rules.fadeDropDb(), group.size(), minutes(rules.fadeWindow()));
        IncidentBook.Rec last = book.last(key);
        String id;
        if (last != null && reopenable(last, now)) {
            emit(IncidentBook.REOPENED, last.id, SYSTEM, payload().put("reason", reason), now);
            for (Terminal c : group) attach(last, c);
            id = last.id;
        } else {
            id = open(Condition.RAIN_FADE, scope, key, "Rain fade over " + (scope.kind() == Scope.Kind.REGION ? "region " : "beam ") + scope.id(),
                    reason, "correlation", now, now, 1, group, ResponseLevel.IV);
        }
        for (Terminal c : group) absorb(c, id, now, Condition.TERMINAL_DEGRADED);
    }

    private List<Terminal> fading(List<Terminal> terminals, Instant now) {
        Instant since = now.minus(rules.fadeWindow());
        List<Terminal> out = new ArrayList<>();
        for (Terminal t : terminals) {
            Track tr = tracks.get(t.id());
            if (tr.fading && !tr.fadeSince.isBefore(since)) out.add(t);
        }
        return out;
    }

    // ---- time ----------------------------------------------------------------------------------

    void tick(Instant now) {
        quietest.clear();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.detectedAt().plus(rules.hold()).isAfter(now) || !correlated(p, now)) continue;
            it.remove();
            IncidentBook.Rec parent = covering(p.terminal(), p.condition());
            if (parent != null) {
                attach(parent, p.terminal());
                continue;
            }
            String what = switch (p.condition()) {
                case TERMINAL_DOWN -> " down";
                case TERMINAL_DEGRADED -> " degraded";
                default -> " not monitorable";
            };
            open(p.condition(), new Scope(Scope.Kind.TERMINAL, p.terminal().id()), key(p.terminal(), p.condition()),
                    "Terminal " + p.terminal().id() + what, p.reason(), p.source(), p.detectedAt(), now, p.count(), List.of(p.terminal()));
        }
        flush(now);
        for (IncidentBook.Rec r : book.activeRecs()) {
            switch (r.condition) {
                case FLAPPING -> quietFlapping(r, now);
                case REBOOT -> {
                    if (!r.lastSeen.plus(rules.rebootHold()).isAfter(now)) resolve(r, "no further reboot for " + minutes(rules.rebootHold()), now);
                }
                case RAIN_FADE -> {
                    if (r.level == ResponseLevel.IV && !r.classification.manual() && !r.openedAt.plus(rules.fadeEscalateAfter()).isAfter(now)) {
                        ResponseLevel level = Grading.level(inventory, terminals(r));
                        if (level != ResponseLevel.IV) {
                            emit(IncidentBook.ESCALATED, r.id, SYSTEM, payload().put("level", level.name())
                                    .put("reason", "rain fade lasted more than " + minutes(rules.fadeEscalateAfter()) + ": graded by its scope"), now);
                        }
                    }
                }
                default -> { }
            }
            if (r.active()) classifyMajor(r, now);
        }
    }

    /**
     * Has correlation had its window for this held condition? Every other terminal of its beam and hub (and, for a
     * degradation, its province: rain) has been polled since the terminal went wrong, so a larger outage would have
     * shown; or the correlation wait has passed (some of them are not polled).
     */
    private boolean correlated(Pending p, Instant now) {
        Terminal t = p.terminal();
        Track tr = tracks.get(t.id());
        Instant since = tr.outSince != null && tr.outSince.isBefore(p.detectedAt()) ? tr.outSince : p.detectedAt();
        if (!since.plus(rules.correlationWait()).isAfter(now)) return true;
        if (!seenSince(beams.get(t.beam()), since) || !seenSince(hubs.get(t.hub()), since)) return false;
        if (p.condition() != Condition.TERMINAL_DEGRADED) return true;
        var province = inventory.province(t.region());
        return province == null || seenSince(provinces.get(province.id()), since);
    }

    private boolean seenSince(Group g, Instant since) {
        if (g == null) return true;
        Instant q = quietest.computeIfAbsent(g, x -> {
            Instant min = Instant.MAX;
            for (Terminal c : x.members) {
                Instant l = tracks.get(c.id()).lastSignal;
                if (l == null) return Instant.MIN;
                if (l.isBefore(min)) min = l;
            }
            return min;
        });
        return !q.isBefore(since);
    }

    private void quietFlapping(IncidentBook.Rec r, Instant now) {
        Track tr = tracks.get(r.scope.id());
        if (tr == null || (tr.lastTransition != null && tr.lastTransition.plus(rules.flapQuiet()).isAfter(now))) return;
        Terminal t = inventory.terminal(r.scope.id());
        if (tr.state == TerminalState.UP) {
            resolve(r, "no state change for " + minutes(rules.flapQuiet()) + "; terminal UP", now);
            return;
        }
        Condition c = tr.state == TerminalState.DOWN ? Condition.TERMINAL_DOWN : tr.state == TerminalState.DEGRADED
                ? Condition.TERMINAL_DEGRADED : Condition.MONITORING_LOST;
        emit(IncidentBook.CONDITION, r.id, SYSTEM, payload().put("condition", c.name()).put("key", key(t, c))
                .put("title", "Terminal " + t.id() + " " + tr.state.name().toLowerCase(Locale.ROOT))
                .put("reason", "stopped flapping; terminal stays " + tr.state), now);
    }

    private void classifyMajor(IncidentBook.Rec r, Instant now) {
        if (r.major || r.classification.manual()) return;
        String why = majorRule.reason(r, now, inventory, operations);
        if (why != null) {
            emit(IncidentBook.ESCALATED, r.id, SYSTEM, payload().put("major", true).put("reason", why)
                    .put("rule", majorRule.text()).put("ruleVersion", majorRule.version()), now);
        }
    }

    // ---- commands ------------------------------------------------------------------------------

    Incident acknowledge(String id, String actor, String note, Instant now) {
        flush(now);
        IncidentBook.Rec r = existing(id);
        if (r.status == IncidentStatus.RESOLVED) throw IncidentException.conflict("incident " + id + " is resolved; it cannot be acknowledged");
        if (r.status == IncidentStatus.ACKNOWLEDGED) throw IncidentException.conflict("incident " + id + " is already acknowledged by " + r.acknowledgedBy);
        emit(IncidentBook.ACKNOWLEDGED, id, actor, withNote(note), now);
        return book.get(id);
    }

    Incident resolveByHand(String id, String actor, String note, Instant now) {
        flush(now);
        IncidentBook.Rec r = existing(id);
        if (note == null || note.isBlank()) throw IncidentException.invalid("note", "a resolution by hand needs a note saying what was done");
        if (r.status == IncidentStatus.RESOLVED) throw IncidentException.conflict("incident " + id + " is already resolved");
        classifyMajor(r, now);
        emit(IncidentBook.RESOLVED, id, actor, payload().put("how", "MANUAL").put("note", IncidentException.text("note", note.strip(), NOTE_LIMIT)), now);
        return book.get(id);
    }

    Incident note(String id, String actor, String note, Instant now) {
        existing(id);
        if (note == null || note.isBlank()) throw IncidentException.invalid("note", "must not be empty");
        emit(IncidentBook.NOTED, id, actor, payload().put("note", IncidentException.text("note", note.strip(), NOTE_LIMIT)), now);
        return book.get(id);
    }

    Incident classify(String id, String actor, Boolean major, ResponseLevel level, String reason, Instant now) {
        IncidentBook.Rec r = existing(id);
        if (reason == null || reason.isBlank()) throw IncidentException.invalid("reason", "a reclassification needs a reason");
        if (major == null && level == null) throw IncidentException.invalid("major", "give major, level or both");
        ObjectNode p = payload().put("reason", IncidentException.text("reason", reason.strip(), 2_000)).put("rule", r.classification.rule())
                .put("ruleVersion", r.classification.ruleVersion())
                .put("previousMajor", r.major).put("previousLevel", r.level.name());
        if (major != null) p.put("major", major);
        if (level != null) p.put("level", level.name());
        emit(IncidentBook.CLASSIFIED, id, actor, p, now);
        return book.get(id);
    }

    private IncidentBook.Rec existing(String id) {
        IncidentBook.Rec r = book.rec(id);
        if (r == null) throw IncidentException.notFound(id);
        return r;
    }

    private static ObjectNode withNote(String note) {
        ObjectNode p = payload();
        if (note != null && !note.isBlank()) p.put("note", IncidentException.text("note", note.strip(), NOTE_LIMIT));
        return p;
    }

    // ---- events --------------------------------------------------------------------------------

    private String open(Condition c, Scope scope, String key, String title, String reason, String source, Instant detectedAt,
                        Instant now, int count, Collection<Terminal> affected) {
        return open(c, scope, key, title, reason, source, detectedAt, now, count, affected, Grading.level(inventory, affected));
    }

    /** Opens at {@code now}; the detection time (earlier while the condition was held) travels in the payload. */
    private String open(Condition c, Scope scope, String key, String title, String reason, String source, Instant detectedAt,
                        Instant now, int count, Collection<Terminal> affected, ResponseLevel level) {
        String id = book.nextId();
        ObjectNode p = payload().put("key", key).put("condition", c.name()).put("title", title).put("reason", reason)
                .put("source", source).put("detectedAt", detectedAt.toString()).put("count", count)
                .put("level", level.name()).put("major", false).put("rule", majorRule.text()).put("ruleVersion", majorRule.version());
        p.putObject("scope").put("kind", scope.kind().name()).put("id", scope.id());
        p.set("terminals", c.grouping() ? ids(affected) : JSON.createArrayNode());
        emit(IncidentBook.OPENED, id, SYSTEM, p, now);
        return id;
    }

    private void resolve(IncidentBook.Rec r, String why, Instant now) {
        classifyMajor(r, now);
        emit(IncidentBook.RESOLVED, r.id, SYSTEM, payload().put("how", "AUTO").put("reason", why), now);
    }

    private void emit(String type, String id, String actor, ObjectNode payload, Instant now) {
        sink.emit(type, id, actor, payload, now);
    }

    private static ObjectNode payload() { return JSON.createObjectNode(); }

    private static ArrayNode ids(Collection<Terminal> terminals) {
        ArrayNode a = JSON.createArrayNode();
        for (Terminal t : terminals) a.add(t.id());
        return a;
    }

    private static ArrayNode names(Collection<String> terminals) {
        ArrayNode a = JSON.createArrayNode();
        terminals.forEach(a::add);
        return a;
    }

    private static List<Terminal> members(Map<String, Group> groups, String id) {
        Group g = groups.get(id);
        return g == null ? List.of() : g.members;
    }

    private List<Terminal> terminals(IncidentBook.Rec r) {
        List<Terminal> out = new ArrayList<>();
        for (String id : r.children.keySet()) {
            Terminal t = inventory.terminal(id);
            if (t != null) out.add(t);
        }
        return out;
    }

    static String key(Terminal t, Condition c) { return Scope.key(Scope.Kind.TERMINAL, t.id(), c); }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return s + " s";
        return s % 60 == 0 ? d.toMinutes() + " min" : d.toMinutes() + " min " + s % 60 + " s";
    }
}
