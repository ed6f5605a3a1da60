package org.emcomm.vsat.journal;

import java.util.List;

/** Where forwarded events can be read back (InfluxDB), so a fresh node with an empty journal rebuilds. */
public interface EventArchive {
    /** Every archived event, in sequence order. */
    List<JournalEvent> readAll();

    /** The highest sequence number archived, 0 when none, or -1 when there is no archive (the embedded default). It is a
     * second anchor of the journal's head: a journal that ends below it lost whole entries. */
    default long lastSeq() { return -1; }
}
