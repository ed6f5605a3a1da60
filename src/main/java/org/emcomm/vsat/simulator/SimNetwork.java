package org.emcomm.vsat.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.DeviceProfile.Metric;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Hub;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.snmp4j.smi.OID;

/**
 * A simulated VSAT network built from an inventory: one agent per terminal that has its own
 * address, one table agent per hub with an address, and the scenarios in force.
 */
public final class SimNetwork {
    /** Rain fade depth: enough to bring a 9-14 dB clear-sky link near 4 dB (degraded, still locked). */
    static final double RAIN_FADE_TARGET_DB = 4.0;
    static final long FLAP_PERIOD_SECONDS = 5;

    private final Inventory inventory;
    private final Clock clock;
    private final Instant bootedAt;
    private final Map<String, SimTerminal> terminals = new HashMap<>();
    private final List<SimAgent> agents = new ArrayList<>();
    private final Map<String, Recording> agentRecordings = new HashMap<>();
    private final List<String> fromProfile = new ArrayList<>();
    private final List<Scenario> scenarios = new CopyOnWriteArrayList<>();
    private final AtomicLong scenarioIds = new AtomicLong();
    /** Share of datagrams lost on the way in and, separately, on the way out (a lossy space segment). */
    private volatile double packetLoss;

    public SimNetwork(Inventory inventory, Clock clock, long seed) {
        this(inventory, clock, seed, Map.of());
    }

    /**
     * {@code recordings}: what an agent (terminal or hub id) answers, overriding the shipped fixture of its profile
     * ({@code fixtures/<profile>.snmprec}). An agent whose profile has no fixture answers from the profile itself, with
     * the physics its metric names suggest: fine for an operator's own profile in the demo, never what tests of the
     * shipped profiles rely on ({@link #fromProfile()}).
     */
    public SimNetwork(Inventory inventory, Clock clock, long seed, Map<String, Recording> recordings) {
        this.inventory = inventory;
        this.clock = clock;
        this.bootedAt = clock.instant();
        Map<String, Recording> shipped = new HashMap<>();
        for (Terminal t : inventory.terminals()) terminals.put(t.id(), new SimTerminal(t, seed));
        for (Terminal t : inventory.terminals()) {
            if (t.viaHub()) continue;
            DeviceProfile p = inventory.profile(t.profile());
            SimTerminal st = terminals.get(t.id());
            Recording rec = recordings.containsKey(t.id()) ? recordings.get(t.id()) : shipped.computeIfAbsent(p.name(), Recording::shipped);
            List<SimAgent.Entry> view = new ArrayList<>();
            if (rec != null) {
                for (Recording.Line l : rec.lines) if (!l.perRow()) view.add(new SimAgent.Entry(new OID(l.oid()), null, st, null, l));
                agentRecordings.put(t.id(), rec);
            } else {
                fromProfile.add(t.id());
                for (Metric m : p.metrics()) {
                    if (!SimAgent.isSystem(m.oid()) && !m.perInterface()) view.add(new SimAgent.Entry(new OID(m.oid()), m, st, null));
                }
            }
            agents.add(new SimAgent(t.id(), SimAgent.Kind.TERMINAL, t.agent(), inventory.credential(t.credential()),
                    (p.vendor() == null ? "" : p.vendor() + " ") + p.name() + " (EmComm simulator)", st, view));
        }
        for (Hub h : inventory.hubs()) {
            if (h.agent() == null) continue;
            DeviceProfile p = inventory.profile(h.profile());
            Recording rec = recordings.containsKey(h.id()) ? recordings.get(h.id()) : shipped.computeIfAbsent(p.name(), Recording::shipped);
            List<SimAgent.Entry> view = new ArrayList<>();
            if (rec != null) {
                agentRecordings.put(h.id(), rec);
                for (Recording.Line l : rec.lines) if (!l.perRow()) view.add(new SimAgent.Entry(new OID(l.oid()), null, null, null, l));
                for (Terminal t : inventory.terminalsOfHub(h.id())) {
                    if (!t.viaHub()) continue;
                    for (Recording.Line l : rec.lines) if (l.perRow()) view.add(new SimAgent.Entry(new OID(l.oid(t.row())), null, terminals.get(t.id()), null, l));
                }
            } else {
                fromProfile.add(h.id());
                for (Terminal t : inventory.terminalsOfHub(h.id())) {
                    if (!t.viaHub()) continue;
                    for (Metric m : p.metrics()) view.add(new SimAgent.Entry(new OID(m.oid() + "." + p.rowSuffix(t.row())), m, terminals.get(t.id()), null));
                }
            }
            agents.add(new SimAgent(h.id(), SimAgent.Kind.HUB, h.agent(), inventory.credential(h.credential()),
                    (p.vendor() == null ? "" : p.vendor() + " ") + p.name() + " hub agent (EmComm simulator)", null, view));
        }
    }

    /**
     * Recordings found in {@code dir} for the agents of this inventory: {@code <profile>.snmprec} serves every agent of
     * that profile (before the shipped fixture). An operator drops a walk next to a profile; the benches their own device.
     */
    public static Map<String, Recording> recordings(Inventory inventory, java.nio.file.Path dir) throws java.io.IOException {
        Map<String, Recording> byProfile = new HashMap<>();
        for (String p : inventory.profiles().keySet()) {
            java.nio.file.Path f = dir.resolve(p + ".snmprec");
            if (java.nio.file.Files.isRegularFile(f)) byProfile.put(p, Recording.load(f));
        }
        Map<String, Recording> out = new HashMap<>();
        for (Terminal t : inventory.terminals()) if (!t.viaHub() && byProfile.containsKey(t.profile())) out.put(t.id(), byProfile.get(t.profile()));
        for (Hub h : inventory.hubs()) if (h.agent() != null && byProfile.containsKey(h.profile())) out.put(h.id(), byProfile.get(h.profile()));
        return out;
    }

    /** Agents (terminal or hub ids) that answer from their profile, having no recording. */
    public List<String> fromProfile() { return List.copyOf(fromProfile); }

    public Inventory inventory() { return inventory; }

    List<SimAgent> agents() { return agents; }

    long uptimeMillis() { return Duration.between(bootedAt, clock.instant()).toMillis(); }

    // ---- scenarios --------------------------------------------------------------------------

    /** Starts a scenario; the target must exist for the type. */
    public Scenario start(ScenarioType type, String target, Duration duration, double delaySeconds) {
        boolean known = switch (type) {
            case TERMINAL_DOWN, FLAPPING -> inventory.terminal(target) != null;
            case RAIN_FADE -> inventory.region(target) != null;
            case HUB_OUTAGE -> inventory.hub(target) != null;
            case BEAM_OUTAGE, LINK_FADE -> inventory.beam(target) != null;
            case SLOW_AGENT, GARBAGE_VALUES -> agents.stream().anyMatch(a -> a.id.equals(target));
        };
        if (!known) throw new IllegalArgumentException(targetKind(type) + " '" + target + "' is not in the simulated network");
        Instant now = clock.instant();
        Scenario s = new Scenario("S" + scenarioIds.incrementAndGet(), type, target, now, now.plus(duration), delaySeconds);
        scenarios.add(s);
        return s;
    }

    public static String targetKind(ScenarioType type) {
        return switch (type) {
            case TERMINAL_DOWN, FLAPPING -> "terminal";
            case RAIN_FADE -> "region";
            case HUB_OUTAGE -> "hub";
            case BEAM_OUTAGE, LINK_FADE -> "beam";
            case SLOW_AGENT, GARBAGE_VALUES -> "agent (terminal with its own agent, or hub)";
        };
    }

    /** Ends every scenario; returns the ones that were in force. */
    public List<Scenario> clear() {
        List<Scenario> ended = List.copyOf(scenarios);
        scenarios.removeAll(ended);
        return ended;
    }

    public List<Scenario> active() {
        expire();
        return List.copyOf(scenarios);
    }

    /** Removes and returns the scenarios whose time is up. */
    synchronized List<Scenario> expire() {
        Instant now = clock.instant();
        List<Scenario> ended = new ArrayList<>();
        for (Scenario s : scenarios) if (!now.isBefore(s.until())) ended.add(s);
        scenarios.removeAll(ended);
        return ended;
    }

    /** A trap one simulated agent sends. */
    record SimTrap(String sourceHost, org.emcomm.vsat.inventory.Credential credential, String oid,
                   List<org.snmp4j.smi.VariableBinding> varbinds) {}

    /**
     * The traps a scenario makes the agents send as it starts ({@code raise}) or ends: the hub's NMS
     * reports its remotes offline or with low SNR; a modem whose agent still answers reports its
     * link down. A silent agent sends nothing.
     */
    List<SimTrap> trapsFor(Scenario s, boolean raise) {
        DeviceProfile.TrapCondition condition = s.type() == ScenarioType.RAIN_FADE ? DeviceProfile.TrapCondition.TERMINAL_DEGRADED
                : DeviceProfile.TrapCondition.TERMINAL_DOWN;
        List<Terminal> affected = switch (s.type()) {
            case TERMINAL_DOWN -> List.of(inventory.terminal(s.target()));
            case RAIN_FADE -> inventory.terminals().stream().filter(t -> inventory.within(t.region(), s.target())).toList();
            case BEAM_OUTAGE -> inventory.terminals().stream().filter(t -> t.beam().equals(s.target())).toList();
            case HUB_OUTAGE -> inventory.terminalsOfHub(s.target());
            default -> List.of();
        };
        DeviceProfile.TrapAction action = raise ? DeviceProfile.TrapAction.RAISE : DeviceProfile.TrapAction.CLEAR;
        String event = (condition == DeviceProfile.TrapCondition.TERMINAL_DOWN ? "down-" : "degraded-") + (raise ? "raise" : "clear");
        List<SimTrap> out = new ArrayList<>();
        for (Terminal t : affected) {
            if (t.viaHub()) {
                Hub h = inventory.hub(t.hub());
                if (s.type() == ScenarioType.HUB_OUTAGE || h.agent() == null) continue;
                RecordedTraps recorded = traps(h.id());
                if (recorded != null) {
                    for (RecordedTraps.Sent x : recorded.of(event, t.row())) out.add(new SimTrap(h.agent().host(), inventory.credential(h.credential()), x.oid(), x.varbinds()));
                    continue;
                }
                DeviceProfile.TrapRule rule = rule(inventory.profile(h.profile()), condition, action);
                if (rule == null) continue;
                out.add(new SimTrap(h.agent().host(), inventory.credential(h.credential()), rule.oid(),
                        List.of(new org.snmp4j.smi.VariableBinding(new OID(rule.rowVarbind()), new org.snmp4j.smi.Integer32(Integer.parseInt(t.row()))))));
            } else if (s.type() != ScenarioType.TERMINAL_DOWN && s.type() != ScenarioType.RAIN_FADE) {
                RecordedTraps recorded = traps(t.id());
                if (recorded != null) {
                    for (RecordedTraps.Sent x : recorded.of(event, null)) out.add(new SimTrap(t.agent().host(), inventory.credential(t.credential()), x.oid(), x.varbinds()));
                    continue;
                }
                DeviceProfile.TrapRule rule = rule(inventory.profile(t.profile()), condition, action);
                if (rule == null) continue;
                out.add(new SimTrap(t.agent().host(), inventory.credential(t.credential()), rule.oid(),
                        List.of(new org.snmp4j.smi.VariableBinding(new OID("1.3.6.1.2.1.2.2.1.1.1"), new org.snmp4j.smi.Integer32(1)))));
            }
        }
        return out;
    }

    private final Map<String, java.util.Optional<RecordedTraps>> recordedTraps = new java.util.concurrent.ConcurrentHashMap<>();

    /** The traps an agent's device sends, from its recording's {@code .traps} file, or null when it has none. */
    private RecordedTraps traps(String agentId) {
        Recording rec = agentRecordings.get(agentId);
        if (rec == null) return null;
        return recordedTraps.computeIfAbsent(agentId, k -> java.util.Optional.ofNullable(RecordedTraps.shipped(rec.name.replaceFirst("\\.snmprec$", "")))).orElse(null);
    }

    private static DeviceProfile.TrapRule rule(DeviceProfile p, DeviceProfile.TrapCondition c, DeviceProfile.TrapAction a) {
        for (DeviceProfile.TrapRule r : p.traps()) if (r.condition() == c && r.action() == a) return r;
        return null;
    }

    private boolean on(ScenarioType type, String target, Instant now) {
        for (Scenario s : scenarios) if (s.type() == type && s.target().equals(target) && s.activeAt(now)) return true;
        return false;
    }

    private boolean flappingDown(String terminalId, Instant now) {
        return on(ScenarioType.FLAPPING, terminalId, now) && (now.getEpochSecond() / FLAP_PERIOD_SECONDS) % 2 == 0;
    }

    /** The radio side of a terminal: lock and fade. */
    Conditions terminalConditions(SimTerminal st, Instant now) {
        Terminal t = st.terminal;
        boolean down = on(ScenarioType.TERMINAL_DOWN, t.id(), now) || flappingDown(t.id(), now);
        boolean unlocked = on(ScenarioType.HUB_OUTAGE, t.hub(), now) || on(ScenarioType.BEAM_OUTAGE, t.beam(), now)
                || (t.viaHub() && down);
        double fade = 0;
        for (Scenario s : scenarios) {
            if (s.type() == ScenarioType.RAIN_FADE && s.activeAt(now) && inventory.within(t.region(), s.target())) {
                fade = Math.max(0, st.clearSkyEsNo - RAIN_FADE_TARGET_DB);
            }
        }
        return new Conditions(false, unlocked, fade, 0, false);
    }

    /** The agent side: does it answer, how late, with what kind of values. */
    Conditions agentConditions(SimAgent a, Instant now) {
        boolean silent = a.kind == SimAgent.Kind.HUB
                ? on(ScenarioType.HUB_OUTAGE, a.id, now)
                : on(ScenarioType.TERMINAL_DOWN, a.id, now) || flappingDown(a.id, now);
        double delay = 0;
        for (Scenario s : scenarios) {
            if (s.type() == ScenarioType.SLOW_AGENT && s.target().equals(a.id) && s.activeAt(now)) delay = s.delaySeconds();
        }
        return new Conditions(silent, false, 0, delay, on(ScenarioType.GARBAGE_VALUES, a.id, now));
    }

    Instant now() { return clock.instant(); }

    /** Loss each way a LINK_FADE adds to its beam's terminals' links. */
    public static final double LINK_FADE_LOSS = 0.05;
    private volatile Link terminalLink = Link.NONE;
    private volatile Link hubLink = Link.NONE;

    /** The links between the service and the terminals' own agents, and the hub agents (the simulator's settings). */
    public SimNetwork links(Link terminals, Link hubs) {
        this.terminalLink = terminals;
        this.hubLink = hubs;
        return this;
    }

    public Link terminalLink() { return terminalLink; }

    public Link hubLink() { return hubLink; }

    /** This agent's link now: its kind's link, worsened by a LINK_FADE on its terminal's beam. */
    Link linkOf(SimAgent a, Instant now) {
        if (a.kind == SimAgent.Kind.HUB) return hubLink;
        Link l = terminalLink;
        for (Scenario s : scenarios) {
            if (s.type() == ScenarioType.LINK_FADE && s.activeAt(now) && a.self != null && a.self.terminal.beam().equals(s.target())) {
                l = l.faded(LINK_FADE_LOSS, s.delaySeconds() * 1000);
            }
        }
        return l;
    }

    /** One datagram's round trip on this link, in ms. */
    double roundTripMs(Link l) {
        return l.sampleRttMs(java.util.concurrent.ThreadLocalRandom.current()); // each event loop its own: no lock per answer
    }

    /** Draws whether one datagram is lost on this link (the link's loss and the network's, each way on its own). */
    boolean loses(Link l) {
        double p = 1 - (1 - packetLoss) * (1 - l.loss());
        return p > 0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < p;
    }

    /** Every datagram to and from every agent is lost with this probability (0 to 0.9), each way on its own. */
    public void packetLoss(double share) {
        if (!(share >= 0 && share <= 0.9)) throw new IllegalArgumentException("packet loss must be 0..0.9, not " + share);
        packetLoss = share;
    }

    public double packetLoss() { return packetLoss; }

    private final Map<String, java.util.concurrent.atomic.LongAdder> requestsByType = new java.util.concurrent.ConcurrentHashMap<>();

    /** Counts one request an agent took (its PDU type: GET, GETNEXT, GETBULK, SET, …). */
    void requested(String type) { requestsByType.computeIfAbsent(type, k -> new java.util.concurrent.atomic.LongAdder()).increment(); }

    /** Requests the agents took since start, by PDU type: the service is read-only, so SET must stay absent. */
    public Map<String, Long> requestsByType() {
        Map<String, Long> out = new java.util.TreeMap<>();
        requestsByType.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

}
