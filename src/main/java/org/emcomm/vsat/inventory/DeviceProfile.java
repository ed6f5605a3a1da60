package org.emcomm.vsat.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Vendor knowledge as data: what to poll on one terminal model and how to read it.
 * {@link Shape#SCALAR}: the modem answers for itself, metric OIDs are complete (end in .0).
 * {@link Shape#TABLE}: a hub/NMS agent answers for all remotes, metric OIDs are table columns
 * and the remote's row index is appended.
 */
public record DeviceProfile(String name, String vendor, String description, Shape shape,
                            SnmpOptions snmp, List<Metric> metrics, StateRules state, Signals signals,
                            List<TrapRule> traps) {

    public DeviceProfile(String name, String vendor, String description, Shape shape,
                         SnmpOptions snmp, List<Metric> metrics, StateRules state) {
        this(name, vendor, description, shape, snmp, metrics, state, Signals.NONE, List.of());
    }

    /**
     * Which metrics carry the signals incident rules read whatever the vendor calls them:
     * {@code esNo} the receive Es/No or SNR in dB (rain fade), {@code uptime} the agent's uptime
     * in seconds (a value going back is a reboot). Either may be null.
     */
    public record Signals(String esNo, String rxLevel, String uptime) {
        public static final Signals NONE = new Signals(null, null, null);
    }

    /** What a trap means for the terminal it is about. */
    public enum TrapCondition { TERMINAL_DOWN, TERMINAL_DEGRADED, REBOOT }

    public enum TrapAction { RAISE, CLEAR }

    /**
     * One trap the profile knows: its OID (v1 traps are converted to v2 OIDs per RFC 3584), the
     * condition it raises or clears, and for table profiles the varbind whose value is the
     * remote's row index (the trap comes from the hub agent, not from the remote).
     */
    public record TrapRule(String oid, String name, TrapCondition condition, TrapAction action, String rowVarbind) {}

    public TrapRule trap(String trapOid) {
        for (TrapRule t : traps) if (t.oid().equals(trapOid)) return t;
        return null;
    }

    public enum Shape { SCALAR, TABLE }

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

    /**
     * One polled value. {@code scale} multiplies the raw number (0.01 for hundredths of a dB);
     * {@code sentinels} map a raw text to its meaning (999 → "demodulator unlocked").
     */
    public record Metric(String name, String oid, ValueType type, double scale, String unit,
                         Map<String, String> enumValues, Map<String, String> sentinels) {}

    /** Comparison operators a rule may use. */
    public enum Op { LT, LE, GT, GE, EQ, NE, IN, SENTINEL, INVALID }

    /** One condition on a metric: {@code esNo lt 6.0}, {@code remoteState in [offline, red]}. */
    public record Condition(String metric, Op op, Double number, List<String> labels, String reason) {}

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
