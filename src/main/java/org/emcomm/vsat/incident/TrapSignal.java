package org.emcomm.vsat.incident;

import java.time.Instant;
import org.emcomm.vsat.inventory.DeviceProfile.TrapAction;
import org.emcomm.vsat.inventory.DeviceProfile.TrapCondition;
import org.emcomm.vsat.inventory.Topology.Terminal;

/** A trap the profile of its terminal maps to a condition. */
public record TrapSignal(Terminal terminal, Instant at, TrapCondition condition, TrapAction action, String trap, String source) {}
