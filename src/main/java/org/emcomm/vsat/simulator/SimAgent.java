package org.emcomm.vsat.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.emcomm.vsat.inventory.AgentAddress;
import org.emcomm.vsat.inventory.Credential;
import org.emcomm.vsat.inventory.DeviceProfile.Metric;
import org.snmp4j.smi.OID;

/**
 * One simulated SNMP agent: a terminal's own modem, or a hub/NMS agent answering for its
 * remotes in tables. Holds its MIB view as OIDs in lexicographic order for GETNEXT/GETBULK.
 */
final class SimAgent {
    static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";
    static final String SYS_UPTIME = "1.3.6.1.2.1.1.3.0";
    static final String SYS_NAME = "1.3.6.1.2.1.1.5.0";

    enum Kind { TERMINAL, HUB }

    /** System objects every agent serves itself; a profile metric on one of them is read from here. */
    static boolean isSystem(String oid) {
        return oid.equals(SYS_DESCR) || oid.equals(SYS_UPTIME) || oid.equals(SYS_NAME);
    }

    /** One OID of the view: a recorded line, or a profile metric of a terminal, or a system object (both null). */
    record Entry(OID oid, Metric metric, SimTerminal terminal, String system, Recording.Line line) {
        Entry(OID oid, Metric metric, SimTerminal terminal, String system) { this(oid, metric, terminal, system, null); }
    }

    final String id;
    final Kind kind;
    final AgentAddress address;
    final Credential credential;
    final String description;
    final SimTerminal self;
    private final OID[] oids;
    private final Entry[] entries;

    SimAgent(String id, Kind kind, AgentAddress address, Credential credential, String description,
             SimTerminal self, List<Entry> view) {
        this.id = id;
        this.kind = kind;
        this.address = address;
        this.credential = credential;
        this.description = description;
        this.self = self;
        List<Entry> all = new ArrayList<>(view);
        java.util.Set<OID> recorded = new java.util.HashSet<>();
        for (Entry e : view) recorded.add(e.oid());
        // the system objects the agent serves itself, unless its recording has them
        if (!recorded.contains(new OID(SYS_DESCR))) all.add(new Entry(new OID(SYS_DESCR), null, self, "descr"));
        if (!recorded.contains(new OID(SYS_UPTIME))) all.add(new Entry(new OID(SYS_UPTIME), null, self, "uptime"));
        if (!recorded.contains(new OID(SYS_NAME))) all.add(new Entry(new OID(SYS_NAME), null, self, "name"));
        all.sort(Comparator.comparing(Entry::oid));
        this.entries = all.toArray(Entry[]::new);
        this.oids = new OID[entries.length];
        for (int i = 0; i < entries.length; i++) oids[i] = entries[i].oid();
    }

    Entry exact(OID oid) {
        int i = java.util.Arrays.binarySearch(oids, oid);
        return i >= 0 ? entries[i] : null;
    }

    /** The first entry strictly after {@code oid}, or null at the end of the view. */
    Entry next(OID oid) {
        int i = java.util.Arrays.binarySearch(oids, oid);
        int n = i >= 0 ? i + 1 : -i - 1;
        return n < entries.length ? entries[n] : null;
    }

    int size() { return entries.length; }
}
