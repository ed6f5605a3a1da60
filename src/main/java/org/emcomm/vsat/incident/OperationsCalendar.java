package org.emcomm.vsat.incident;

import java.time.Instant;

/** Whether an emergency or a planned major event is active for a terminal at a moment: the major
 * rule treats an outage of a critical terminal (command post) then as major after a shorter time.
 * Emergencies and support tasks provide it; without them nothing is active. */
public interface OperationsCalendar {
    OperationsCalendar NONE = (terminal, at) -> false;

    boolean active(String terminalId, Instant at);
}
