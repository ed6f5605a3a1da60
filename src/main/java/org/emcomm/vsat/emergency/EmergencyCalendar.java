package org.emcomm.vsat.emergency;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.emcomm.vsat.incident.OperationsCalendar;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;

/** For the major rule: a terminal is under operations while an open emergency or an active planned
 * major event covers its region. */
@ApplicationScoped
public class EmergencyCalendar implements OperationsCalendar {
    private final Inventory inventory;
    private final EmergencyRecords records;

    EmergencyCalendar(Inventory inventory, EmergencyRecords records) {
        this.inventory = inventory;
        this.records = records;
    }

    @Override
    public boolean active(String terminalId, Instant at) {
        Terminal t = inventory.terminal(terminalId);
        if (t == null) return false;
        for (Emergency e : records.book().all()) {
            if (e.onsetAt().isAfter(at) || (e.closedAt() != null && !e.closedAt().isAfter(at))) continue;
            for (String r : e.regions()) if (inventory.within(t.region(), r)) return true;
        }
        for (MajorEvent m : records.book().events()) {
            if (!m.activeAt(at)) continue;
            for (String r : m.regions()) if (inventory.within(t.region(), r)) return true;
        }
        return false;
    }
}
