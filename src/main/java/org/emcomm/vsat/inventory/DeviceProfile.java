package org.emcomm.vsat.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Vendor knowledge as data: what to poll on one terminal model and how to read it.
 * {@link Shape#SCALAR}: the modem answers for itself, metric OIDs are complete (end in .0).
 * {@link Shape#TABLE}: a hub/NMS agent answers for all remotes, metric OIDs are table columns
 * and the remote's row index is appended (as written, or as an OCTET STRING index: {@link #rowSuffix}).
 * {@code iface}: a scalar profile whose metrics read one interface of IF-MIB finds its ifIndex by ifDescr.
 * {@code neverWrite}: objects of the device that must never be read by mistake nor written (the service never SETs).
 */
public record DeviceProfile(String name, String vendor, String description, Shape shape,
                            SnmpOptions snmp, List<Metric> metrics, StateRules state, Signals signals,
                            List<TrapRule> traps, IndexType index, Interface iface, List<String> neverWrite, HubSide hub) {

    public DeviceProfile(String name, String vendor, String description, Shape shape,
                         SnmpOptions snmp, List<Metric> metrics, StateRules state) {
        this(name, vendor, description, shape, snmp, metrics, state, Signals.NONE, List.of(), IndexType.INTEGER, null, List.of(), HubSide.NONE);
    }

    /**
     * What a hub's NMS says of the hub itself (table profiles): columns read whole at every read of the remotes' tables
     * (every chassis, every protocol processor), and the conditions under which a row means the hub is out of service,
     * which opens the HUB_OUTAGE parent at once, before its remotes' own polls tell.
     */
    public record HubSide(List<Metric> metrics, List<Condition> down) {
        public static final HubSide NONE = new HubSide(List.of(), List.of());
    }

    /**
     * Which metrics carry the signals incident rules read whatever the vendor calls them:
     * {@code esNo} the receive Es/No, SNR or Eb/No in dB (rain fade), {@code uptime} the agent's uptime
     * in seconds (a value going back is a reboot). Either may be null.
     */
    public record Signals(String esNo, String rxLevel, String uptime) {
        public static final Signals NONE = new Signals(null, null, null);
    }

    /** What a trap means for the terminal it is about. */
    /** {@code HUB_OUTAGE}: a table profile's trap about the hub itself (a chassis, a protocol processor), naming no remote. */
    public enum TrapCondition { TERMINAL_DOWN, TERMINAL_DEGRADED, REBOOT, HUB_OUTAGE }

    public enum TrapAction { RAISE, CLEAR, IGNORE }

    /** What a trap does: raise or clear some conditions ({@code IGNORE}: none), with the name the record shows. */
    public record TrapEffect(TrapAction action, List<TrapCondition> conditions, String name) {}

    /**
     * A trap whose meaning comes from one varbind's value (iDirect trap-level, Newtec AlarmStatus, Comtech alarm
     * codes). {@code varbind} is an OID (the varbind whose OID is it or starts with it) or null for the first varbind
     * after sysUpTime.0 and snmpTrapOID.0; {@code values} maps a code to its effect, {@code otherwise} covers codes
     * not listed (and a missing varbind).
     */
    public record TrapValueRule(String varbind, Map<Long, TrapEffect> values, TrapEffect otherwise) {}

    /** A trap taken only when a varbind's value is one of {@code values}, or, with {@code satelliteInterface}, the
     * terminal's satellite interface (found by ifDescr). Others are ignored, and recorded as ignored. */
    public record TrapFilter(String varbind, List<Long> values, boolean satelliteInterface) {}

    /**
     * One trap the profile knows: its OID (v1 traps are converted to v2 OIDs per RFC 3584; an SMIv2 notification
     * {@code P.n} also matches the v1 form {@code P.0.n}), the condition it raises or clears ({@code action}), or the
     * effect read from a varbind ({@code byValue}); for table profiles the varbind whose value is the remote's row
     * index (the trap comes from the hub agent, not from the remote); an optional filter.
     */
    public record TrapRule(String oid, String name, TrapCondition condition, TrapAction action, String rowVarbind,
                           TrapValueRule byValue, TrapFilter only, TrapMeaning meaning) {
        public TrapRule(String oid, String name, TrapCondition condition, TrapAction action, String rowVarbind) {
            this(oid, name, condition, action, rowVarbind, null, null, null);
        }
    }

    /**
     * What a trap is about, read from a varbind holding an OID (Newtec's ntcNotifAlReport names the alarm object in its
     * varbind .7): the conditions its raise or clear applies to, and the name it goes by. {@code otherwise} covers
     * objects not listed.
     */
    public record TrapMeaning(String varbind, Map<String, TrapEffect> objects, TrapEffect otherwise) {}

    /** The rule of this trap OID, matching the v1-converted form {@code P.0.n} of a notification {@code P.n} too. */
    public TrapRule trap(String trapOid) {
        for (TrapRule t : traps) if (t.oid().equals(trapOid)) return t;
        int last = trapOid.lastIndexOf('.');
        if (last > 2 && trapOid.substring(0, last).endsWith(".0")) {
            String v2 = trapOid.substring(0, last - 2) + trapOid.substring(last);
            for (TrapRule t : traps) if (t.oid().equals(v2)) return t;
        }
        return null;
    }

    public enum Shape { SCALAR, TABLE }

    /** How a table's row index is written in OIDs: the row as written ("1001", "3.7"), or an OCTET STRING
     * ("1001" → 4.49.48.48.49, its length then one arc per byte, as SMIv2 encodes a string index). */
    public enum IndexType { INTEGER, OCTET_STRING }

    /** The OID suffix of a row of this table. */
    public String rowSuffix(String row) {
        return index == IndexType.OCTET_STRING ? octetStringIndex(row) : row;
    }

    /** An SMIv2 OCTET STRING index: the length, then one arc per byte ("1001" → 4.49.48.48.49). */
    public static String octetStringIndex(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder().append(b.length);
        for (byte x : b) s.append('.').append(x & 0xFF);
        return s.toString();
    }

    /** The interface a scalar profile's {@code {ifIndex}} metrics read: the first ifDescr row matching the first pattern
     * of {@code descr} that matches any (a list in order of preference: "Demodulator-1" before any "Demodulator"). */
    public record Interface(List<Pattern> descr) {
        public static final String PLACEHOLDER = "{ifIndex}";
        public static final String IF_DESCR = "1.3.6.1.2.1.2.2.1.2";
    }

    public record SnmpOptions(boolean bulk, int maxRepetitions, int varbindsPerPdu,
                              Duration timeout, int retries) {}

    public enum ValueType {
        INTEGER, GAUGE, COUNTER32, COUNTER64, TIMETICKS,
        /** a number carried as text (DisplayString), e.g. iDirect's "12.5" */
        DISPLAY_NUMBER,
        /** an integer code with named values; first listed = normal, last listed = outage */
        ENUM,
        TEXT
    }

    /** Where a metric's OID and encoding come from (docs/profiles.md, ../shared/docs/oids.md). */
    public enum Source {
        /** the vendor's MIB text */
        VENDOR_MIB,
        /** production pollers or the vendor's own collectors, without a MIB */
        COLLECTOR,
        /** the vendor's manual */
        MANUAL,
        /** still to be confirmed by one walk of a real device */
        UNCONFIRMED
    }

    /**
     * One polled value. {@code scale} multiplies the raw number (0.01 for hundredths of a dB, −0.1 where the device
     * sends a level's magnitude); {@code sentinels} map a raw text to its meaning (999 → "demodulator unlocked",
     * NA → "no value"); {@code saturated} map a raw text to the number it stands for ({@code ">30"} → 30).
     * {@code object} is the MIB object's name, {@code source} where the OID comes from.
     */
    public record Metric(String name, String oid, ValueType type, double scale, String unit,
                         Map<String, String> enumValues, Map<String, String> sentinels,
                         Map<String, Double> saturated, String object, Source source) {
        public Metric(String name, String oid, ValueType type, double scale, String unit,
                      Map<String, String> enumValues, Map<String, String> sentinels) {
            this(name, oid, type, scale, unit, enumValues, sentinels, Map.of(), null, null);
        }

        /** The metric reads one interface's row: its OID ends in {@code {ifIndex}}. */
        public boolean perInterface() { return oid.endsWith(Interface.PLACEHOLDER); }

        /** The OID to ask for, with the interface found by discovery. */
        public String oid(Integer ifIndex) {
            return perInterface() ? oid.substring(0, oid.length() - Interface.PLACEHOLDER.length()) + ifIndex : oid;
        }
    }

    /** Comparison operators a rule may use. */
    public enum Op { LT, LE, GT, GE, EQ, NE, IN, SENTINEL, INVALID }

    /** One condition on a metric: {@code esNo lt 6.0}, {@code remoteState in [offline, red]},
     * {@code currentModcod lt clearSkyModcod} ({@code than}: another metric of the same sample). */
    public record Condition(String metric, Op op, Double number, List<String> labels, String reason, String than) {
        public Condition(String metric, Op op, Double number, List<String> labels, String reason) {
            this(metric, op, number, labels, reason, null);
        }
    }

    /**
     * DOWN when any {@code down} condition holds or {@code downAfterMissedPolls} polls went
     * unanswered; DEGRADED when any {@code degraded} condition holds; otherwise UP. A new state
     * is taken only after it was seen in {@code enterAfter} consecutive polls (hysteresis),
     * except from UNKNOWN, which takes the first evidence at once.
     */
    public record StateRules(int downAfterMissedPolls, int enterAfter,
                             List<Condition> down, List<Condition> degraded) {}

    public Metric metric(String metricName) {
        for (Metric m : metrics) if (m.name().equals(metricName)) return m;
        return null;
    }
}
