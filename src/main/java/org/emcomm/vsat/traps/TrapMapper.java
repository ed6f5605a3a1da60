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
 * address, or a hub agent by its address plus the varbind that carries the remote's row. Pure.
 */
final class TrapMapper {
    /** What one trap turned out to be. Exactly one of {@code signal} and {@code unknownReason} is set. */
    record Outcome(TrapSignal signal, String unknownReason) {}

    private final Inventory inventory;
    private final Map<String, Terminal> terminalsByHost = new HashMap<>();
    private final Map<String, Hub> hubsByHost = new HashMap<>();
    private final Map<String, Map<String, Terminal>> rowsByHub = new HashMap<>();

    TrapMapper(Inventory inventory) {
        this.inventory = inventory;
        for (Terminal t : inventory.terminals()) {
            if (t.agent() != null) terminalsByHost.put(t.agent().host(), t);
            if (t.viaHub()) rowsByHub.computeIfAbsent(t.hub(), k -> new HashMap<>()).put(t.row(), t);
        }
        for (Hub h : inventory.hubs()) if (h.agent() != null) hubsByHost.put(h.agent().host(), h);
    }

    Outcome map(Trap trap, Instant at) {
        String host = trap.host();
        Terminal own = terminalsByHost.get(host);
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
