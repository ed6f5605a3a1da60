package org.emcomm.vsat.traps;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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
    /** What one trap turned out to be. Exactly one of {@code signal} and {@code unknownReason} is set. */
    record Outcome(TrapSignal signal, String unknownReason) {}

    private final Inventory inventory;
    private final Map<String, java.util.List<Terminal>> terminalsByHost = new HashMap<>();
    private final Map<String, Hub> hubsByHost = new HashMap<>();
    private final Map<String, Map<String, Terminal>> rowsByHub = new HashMap<>();

    TrapMapper(Inventory inventory) {
        this.inventory = inventory;
        for (Terminal t : inventory.terminals()) {
            if (t.agent() != null) terminalsByHost.computeIfAbsent(t.agent().host(), k -> new java.util.ArrayList<>()).add(t);
            if (t.viaHub()) rowsByHub.computeIfAbsent(t.hub(), k -> new HashMap<>()).put(t.row(), t);
        }
        for (Hub h : inventory.hubs()) if (h.agent() != null) hubsByHost.put(h.agent().host(), h);
    }

    /**
     * Which terminal gets the traps of each host that several terminals share (on different ports): the one whose
     * credential the trap came with; where they share the credential too, the first in the inventory. Said at start.
     */
    java.util.List<String> shared() {
        java.util.List<String> out = new java.util.ArrayList<>();
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
        java.util.List<Terminal> here = terminalsByHost.getOrDefault(host, java.util.List.of());
        Terminal own = here.stream().filter(t -> t.credential().equals(trap.credential())).findFirst().orElse(here.isEmpty() ? null : here.get(0));
        if (own != null) {
            DeviceProfile p = inventory.profile(own.profile());
            DeviceProfile.TrapRule rule = p.trap(trap.oid());
            if (rule == null) return unknown("trap " + trap.oid() + " is not mapped in profile " + p.name() + " (terminal " + own.id() + ")");
            return new Outcome(new TrapSignal(own, at, rule.condition(), rule.action(), rule.name(), host), null);
        }
        Hub hub = hubsByHost.get(host);
        if (hub == null) return unknown("no terminal or hub agent at " + host + " in the inventory");
        DeviceProfile p = inventory.profile(hub.profile());
        DeviceProfile.TrapRule rule = p.trap(trap.oid());
        if (rule == null) return unknown("trap " + trap.oid() + " is not mapped in profile " + p.name() + " (hub " + hub.id() + ")");
        String row = null;
        for (Varbind v : trap.varbinds()) {
            if (v.oid().equals(rule.rowVarbind()) || v.oid().startsWith(rule.rowVarbind() + ".")) {
                row = v.value().syntax().isNumeric() ? Long.toString(v.value().number()) : v.value().text().trim();
                break;
            }
        }
        if (row == null) return unknown("trap " + rule.name() + " from hub " + hub.id() + " has no varbind " + rule.rowVarbind() + " naming the remote");
        Terminal t = rowsByHub.getOrDefault(hub.id(), Map.of()).get(row);
        if (t == null) return unknown("trap " + rule.name() + " from hub " + hub.id() + " names remote row " + row + ", which is not in the inventory");
        return new Outcome(new TrapSignal(t, at, rule.condition(), rule.action(), rule.name(), host + " (hub " + hub.id() + ")"), null);
    }

    private static Outcome unknown(String reason) { return new Outcome(null, reason); }
}
