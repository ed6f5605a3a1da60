package org.emcomm.vsat.traps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.incident.HubSignal;
import org.emcomm.vsat.incident.TrapSignal;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Hub;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.snmp.Trap;
import org.emcomm.vsat.snmp.Varbind;

/**
 * Finds what a trap is about from the inventory and the profiles: a terminal's own agent by its
 * address (and, where devices share a host on different ports, by the credential the trap came with),
 * or a hub agent by its address plus the varbind that carries the remote's row. Pure.
 */
final class TrapMapper {
    /**
     * What one trap turned out to be: the signals it gives (one per condition it raises or clears), or why it is unknown
     * (no terminal, not mapped), or why a mapped trap is ignored (a filter, a value the profile ignores). Exactly one of
     * the three is set.
     */
    record Outcome(List<TrapSignal> signals, String unknownReason, String ignoredReason, HubSignal hubSignal) {
        Outcome(List<TrapSignal> signals, String unknownReason, String ignoredReason) { this(signals, unknownReason, ignoredReason, null); }

        Outcome(TrapSignal signal, String unknownReason) { this(signal == null ? List.of() : List.of(signal), unknownReason, null); }

        TrapSignal signal() { return signals.isEmpty() ? null : signals.get(0); }
    }

    private final Inventory inventory;
    private final Map<String, List<Terminal>> terminalsByHost = new HashMap<>();
    private final Map<String, Hub> hubsByHost = new HashMap<>();
    private final Map<String, Map<String, Terminal>> rowsByHub = new HashMap<>();

    TrapMapper(Inventory inventory) {
        this.inventory = inventory;
        for (Terminal t : inventory.terminals()) {
            if (t.agent() != null) terminalsByHost.computeIfAbsent(t.agent().host(), k -> new ArrayList<>()).add(t);
            if (t.viaHub()) rowsByHub.computeIfAbsent(t.hub(), k -> new HashMap<>()).put(t.row(), t);
        }
        for (Hub h : inventory.hubs()) if (h.agent() != null) hubsByHost.put(h.agent().host(), h);
    }

    /**
     * Which terminal gets the traps of each host that several terminals share (on different ports): the one whose
     * credential the trap came with; where they share the credential too, the first in the inventory. Said at start.
     */
    List<String> shared() {
        List<String> out = new ArrayList<>();
        terminalsByHost.forEach((host, ts) -> {
            if (ts.size() < 2) return;
            Map<String, Terminal> byCredential = new java.util.LinkedHashMap<>();
            for (Terminal t : ts) byCredential.putIfAbsent(t.credential(), t);
            StringBuilder b = new StringBuilder("traps: terminals " + ts.stream().map(Terminal::id).toList() + " share the address " + host
                    + " (different ports); a trap goes to the one whose credential it came with:");
            byCredential.forEach((c, t) -> b.append(' ').append(c).append(" → ").append(t.id()).append(';'));
            if (byCredential.size() < ts.size()) b.append(" terminals sharing a credential there get none of their own (the first takes them)");
            out.add(b.toString());
        });
        return out;
    }

    Outcome map(Trap trap, Instant at) {
        String host = trap.host();
        List<Terminal> here = terminalsByHost.getOrDefault(host, List.of());
        Terminal own = here.stream().filter(t -> t.credential().equals(trap.credential())).findFirst().orElse(here.isEmpty() ? null : here.get(0));
        if (own != null) {
            DeviceProfile p = inventory.profile(own.profile());
            DeviceProfile.TrapRule rule = p.trap(trap.oid());
            if (rule == null) return unknown("trap " + trap.oid() + " is not mapped in profile " + p.name() + " (terminal " + own.id() + ")");
            return effect(rule, trap, own, at, host);
        }
        Hub hub = hubsByHost.get(host);
        if (hub == null) return unknown("no terminal or hub agent at " + host + " in the inventory");
        DeviceProfile p = inventory.profile(hub.profile());
        DeviceProfile.TrapRule rule = p.trap(trap.oid());
        if (rule == null) return unknown("trap " + trap.oid() + " is not mapped in profile " + p.name() + " (hub " + hub.id() + ")");
        if (rule.rowVarbind() == null) return aboutHub(rule, trap, hub, at, host);
        String row = null;
        for (Varbind v : trap.varbinds()) {
            if (under(v.oid(), rule.rowVarbind())) {
                row = v.value().syntax().isNumeric() ? Long.toString(v.value().number()) : v.value().text().trim();
                break;
            }
        }
        if (row == null) return unknown("trap " + rule.name() + " from hub " + hub.id() + " has no varbind " + rule.rowVarbind() + " naming the remote");
        Terminal t = rowsByHub.getOrDefault(hub.id(), Map.of()).get(row);
        if (t == null) return unknown("trap " + rule.name() + " from hub " + hub.id() + " names remote row " + row + ", which is not in the inventory");
        return effect(rule, trap, t, at, host + " (hub " + hub.id() + ")");
    }

    private static boolean under(String oid, String prefix) { return oid.equals(prefix) || oid.startsWith(prefix + "."); }

    /** The signals of a mapped trap: its filter, then its action, fixed or read from a varbind's value. */
    private Outcome effect(DeviceProfile.TrapRule rule, Trap trap, Terminal t, Instant at, String source) {
        if (rule.only() != null) {
            DeviceProfile.TrapFilter only = rule.only();
            Long value = null;
            for (Varbind v : trap.varbinds()) if (under(v.oid(), only.varbind()) && v.value().syntax().isNumeric()) { value = v.value().number(); break; }
            if (only.satelliteInterface()) {
                Integer sat = inventory.satelliteInterfaces().of(t.id());
                if (sat == null) return ignored(rule.name() + " on " + t.id() + ": its satellite interface is not known yet (found at the first poll)");
                if (value == null || value.longValue() != sat) return ignored(rule.name() + " on " + t.id() + " is about ifIndex " + value + ", not the satellite interface " + sat);
            } else if (value == null || !only.values().contains(value)) {
                return ignored(rule.name() + " on " + t.id() + ": varbind " + only.varbind() + " is " + value + ", not one of " + only.values());
            }
        }
        Named e = effect(rule, trap);
        if (e.effect().action() == DeviceProfile.TrapAction.IGNORE) return ignored(e.name() + " on " + t.id() + ": the profile ignores " + (rule.byValue() == null ? "it" : "this value"));
        List<TrapSignal> out = new ArrayList<>();
        for (DeviceProfile.TrapCondition c : e.effect().conditions()) out.add(new TrapSignal(t, at, c, e.effect().action(), e.name(), source));
        return new Outcome(List.copyOf(out), null, null);
    }

    /** A hub agent's trap about the hub itself (a chassis, a protocol processor): no remote named. */
    private Outcome aboutHub(DeviceProfile.TrapRule rule, Trap trap, Hub hub, Instant at, String host) {
        Named e = effect(rule, trap);
        if (e.effect().action() == DeviceProfile.TrapAction.IGNORE || !e.effect().conditions().contains(DeviceProfile.TrapCondition.HUB_OUTAGE)) {
            return ignored(e.name() + " on hub " + hub.id() + ": the profile ignores " + (rule.byValue() == null ? "it" : "this value"));
        }
        String why = "trap " + e.name() + " from " + host;
        return new Outcome(List.of(), null, null, new HubSignal(hub.id(), at, e.effect().action() == DeviceProfile.TrapAction.RAISE, why));
    }

    private record Named(DeviceProfile.TrapEffect effect, String name) {}

    /** What this trap does by its rule: a fixed action, or the one its varbind's value says, with the name it goes by. */
    private static Named effect(DeviceProfile.TrapRule rule, Trap trap) {
        if (rule.byValue() == null) {
            return new Named(new DeviceProfile.TrapEffect(rule.action(), rule.condition() == null ? List.of() : List.of(rule.condition()), null), rule.name());
        }
        // (a meaning reads the alarm object after the action is known)
        DeviceProfile.TrapValueRule by = rule.byValue();
        Varbind carrier = null;
        for (Varbind v : trap.varbinds()) {
            if (by.varbind() == null ? !v.oid().equals(SYS_UPTIME) && !v.oid().equals(TRAP_OID) : under(v.oid(), by.varbind())) { carrier = v; break; }
        }
        Long code = carrier != null && carrier.value().syntax().isNumeric() ? carrier.value().number() : null;
        DeviceProfile.TrapEffect e = code == null ? by.otherwise() : by.values().getOrDefault(code, by.otherwise());
        String name = rule.name() + (code == null ? " (no code)" : " " + (e.name() != null ? e.name() : "code " + code));
        if (rule.meaning() == null || e.action() == DeviceProfile.TrapAction.IGNORE) return new Named(e, name);
        // what it is about comes from another varbind, an OID: the alarm object
        String object = null;
        for (Varbind v : trap.varbinds()) if (under(v.oid(), rule.meaning().varbind())) { object = v.value().text(); break; }
        DeviceProfile.TrapEffect about = object == null ? rule.meaning().otherwise() : rule.meaning().objects().getOrDefault(object, rule.meaning().otherwise());
        String aboutName = about.name() != null ? about.name() : object;
        StringBuilder n = new StringBuilder(rule.name());
        if (aboutName != null) n.append(' ').append(aboutName);
        if (e.name() != null) n.append(' ').append(e.name());
        return new Named(new DeviceProfile.TrapEffect(e.action(), about.conditions(), null), n.toString());
    }

    private static final String SYS_UPTIME = "1.3.6.1.2.1.1.3.0";
    private static final String TRAP_OID = "1.3.6.1.6.3.1.1.4.1.0";

    private static Outcome ignored(String reason) { return new Outcome(List.of(), null, reason); }

    private static Outcome unknown(String reason) { return new Outcome(List.of(), reason, null); }
}
