package org.emcomm.vsat.journal;

import java.util.List;

/** Where forwarded events can be read back (InfluxDB), so a fresh node with an empty journal rebuilds. */
public interface EventArchive {
    /** Every archived event, in sequence order. */
    List<JournalEvent> readAll();
}
