package org.emcomm.vsat.incident;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.DeviceProfile.TrapAction;
import org.emcomm.vsat.inventory.DeviceProfile.TrapCondition;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.simulator.NetworkGenerator;

/**
 * A small scenario language for the incident rules on a simulated clock:
 * {@code s.at("00:00").down("T1", "T2").at("00:30").tick()} then read {@link #active()}.
 * Events go straight into an {@link IncidentBook}, as the journal would deliver them.
 */
final class IncidentScript {
    static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static Inventory shared;

    final Inventory inventory;
    final IncidentBook book = new IncidentBook();
    final List<Event> events = new ArrayList<>();
    final IncidentEngine engine;
    private final Map<String, TerminalState> states = new HashMap<>();
    /** How each terminal's latest sample went, replayed by {@link #cycle()}: answered, its hub silent, or its own poll missed. */
    private final Map<String, String> how = new HashMap<>();
    private Instant now = T0;
    boolean operationsActive;

    record Event(long seq, String type, String id, String actor, Instant at, ObjectNode payload) {}

    IncidentScript(IncidentRules rules) {
        this.inventory = inventory();
        this.engine = new IncidentEngine(inventory, rules, MajorRule.DEFAULT, (t, at) -> operationsActive, book, (type, id, actor, p, at) -> {
            Event e = new Event(events.size() + 1, type, id, actor, at, p);
            events.add(e);
            book.apply(e.seq(), type, id, actor, at, p);
        });
        // as after start-up: every terminal polled once and found UP
        for (Terminal t : inventory.terminals()) {
            states.put(t.id(), TerminalState.UP);
            engine.poll(new PollSignal(t, T0.minusSeconds(60), TerminalState.UP, "first poll", TerminalState.UNKNOWN, true, false, false, false, null, null));
        }
    }

    IncidentScript() { this(IncidentRules.DEFAULT); }

    /** 250 terminals: hub-bj has 150 (two beams), hub-gz 100; six provinces. */
    static synchronized Inventory inventory() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("emcomm-incidents");
                NetworkGenerator.write(dir, 250, NetworkGenerator.Mix.DEMO, "127.90", 1161);
                shared = new ConfigLoader(name -> null).load(dir, Path.of("config/profiles"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** "mm:ss" or "hh:mm:ss" after T0. */
    IncidentScript at(String time) {
        String[] p = time.split(":");
        long s = p.length == 2 ? Long.parseLong(p[0]) * 60 + Long.parseLong(p[1])
                : Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60 + Long.parseLong(p[2]);
        now = T0.plusSeconds(s);
        return this;
    }

    Instant now() { return now; }

    Terminal t(String id) {
        Terminal t = inventory.terminal(id);
        if (t == null) throw new IllegalArgumentException(id);
        return t;
    }

    /** A sample per terminal: answered (a DOWN one reports its lost lock), or its hub's agent silent. */
    IncidentScript state(TerminalState to, String reason, boolean parentUnreachable, String... ids) {
        for (String id : ids) {
            TerminalState from = states.put(id, to);
            how.put(id, parentUnreachable ? "hub" : "answered");
            engine.poll(new PollSignal(t(id), now, to, reason, from == to ? null : from, !parentUnreachable,
                    parentUnreachable, false, to == TerminalState.DOWN && !parentUnreachable, null, null));
        }
        return this;
    }

    /** The terminals' own agents fall silent: one unanswered poll each (with {@code to}, the state it leaves them in). */
    IncidentScript silent(TerminalState to, String... ids) {
        for (String id : ids) {
            TerminalState from = states.put(id, to);
            how.put(id, "missed");
            engine.poll(new PollSignal(t(id), now, to, "no answer to SNMP poll", from == to ? null : from, false, false, true, false, null, null));
        }
        return this;
    }

    /** One poll cycle of every terminal, each answering as its latest sample did, in its current state. */
    IncidentScript cycle() {
        for (Terminal t : inventory.terminals()) {
            TerminalState st = states.get(t.id());
            String h = how.getOrDefault(t.id(), "answered");
            engine.poll(new PollSignal(t, now, st, "", null, h.equals("answered"), h.equals("hub"), h.equals("missed"),
                    h.equals("answered") && st == TerminalState.DOWN, null, null));
        }
        return this;
    }

    IncidentScript down(String... ids) { return state(TerminalState.DOWN, "demodulator unlocked", false, ids); }

    IncidentScript up(String... ids) { return state(TerminalState.UP, "all metrics within limits", false, ids); }

    IncidentScript degraded(String... ids) { return state(TerminalState.DEGRADED, "Es/No margin low", false, ids); }

    /** The hub agent answering for these remotes did not answer. */
    IncidentScript hubSilent(String... ids) { return state(TerminalState.UNKNOWN, "hub agent did not answer", true, ids); }

    IncidentScript esNo(String id, double value) {
        engine.poll(new PollSignal(t(id), now, states.get(id), "", null, true, false, false, false, value, null));
        return this;
    }

    /** A sample whose own values show the link lost (before hysteresis), with this Es/No reading. */
    IncidentScript lostLock(String id, double esNo) {
        engine.poll(new PollSignal(t(id), now, states.get(id), "", null, true, false, false, true, esNo, null));
        return this;
    }

    IncidentScript uptime(String id, double seconds) {
        engine.poll(new PollSignal(t(id), now, states.get(id), "", null, true, false, false, false, null, seconds));
        return this;
    }

    IncidentScript trap(String id, TrapCondition c, TrapAction a) {
        engine.trap(new TrapSignal(t(id), now, c, a, c + "-" + a, "127.0.0.1"));
        return this;
    }

    /** The hub's NMS says the hub itself is out of service ({@code faulty}) or back (a read of its tables or a trap). */
    IncidentScript hubSays(String hub, boolean faulty, String reason) {
        engine.hub(new HubSignal(hub, now, faulty, reason));
        return this;
    }

    IncidentScript tick() { engine.tick(now); return this; }

    /** Writes the children that joined or recovered since the last tick (the service does it every tick). */
    IncidentScript flush() { engine.flush(now); return this; }

    List<Incident> all() { return book.find(i -> true); }

    List<Incident> active() { return book.find(Incident::active); }

    Incident only() {
        List<Incident> a = active();
        if (a.size() != 1) throw new AssertionError("expected one active incident, got " + a.stream().map(i -> i.id() + " " + i.condition() + " " + i.scope().id()).toList());
        return a.get(0);
    }

    long eventsOf(String type) { return events.stream().filter(e -> e.type().equals(type)).count(); }

    /** Terminals of a hub/beam/province in inventory order. */
    List<String> where(java.util.function.Predicate<Terminal> p) {
        return inventory.terminals().stream().filter(p).map(Terminal::id).toList();
    }
}
