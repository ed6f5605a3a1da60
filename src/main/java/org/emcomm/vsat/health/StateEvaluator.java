package org.emcomm.vsat.health;

import java.util.List;
import java.util.Locale;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.DeviceProfile.Condition;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;

/** Applies a profile's state rules to one sample. Pure. */
public final class StateEvaluator {
    private StateEvaluator() {}

    public static Observation evaluate(DeviceProfile profile, Sample sample) {
        return switch (sample.status()) {
            case ANSWERED -> fromMetrics(profile, sample);
            case TIMEOUT -> new Observation(TerminalState.DOWN, "no answer to SNMP poll", true, false);
            case NO_ROW -> new Observation(TerminalState.DOWN, sample.detail(), true, false);
            // Counted like a miss: on a lossy link one lost hub answer must not blank out all its remotes at once.
            case PARENT_UNREACHABLE -> new Observation(TerminalState.UNKNOWN, sample.detail(), true, false);
            case AUTH_FAILURE -> new Observation(TerminalState.UNKNOWN, "SNMP authentication failed: " + sample.detail(), false, true);
            case AGENT_ERROR -> new Observation(TerminalState.UNKNOWN, "agent error: " + sample.detail(), false, true);
        };
    }

    /** Why a read of the hub's own columns says the hub is out of service ("chassis 2: hub chassis offline (offline)"),
     * or null when no row meets the profile's {@code hub.down} conditions. */
    public static String hubFault(DeviceProfile profile, org.emcomm.vsat.polling.HubReading reading) {
        for (var row : reading.rows().entrySet()) {
            Sample asSample = new Sample(reading.hubId(), reading.at(), Sample.PollStatus.ANSWERED, row.getValue(), 0, null);
            String why = firstMatch(profile.hub().down(), asSample);
            if (why != null) return "row " + row.getKey() + ": " + why;
        }
        return null;
    }

    private static Observation fromMetrics(DeviceProfile profile, Sample sample) {
        String down = firstMatch(profile.state().down(), sample);
        if (down != null) return Observation.of(TerminalState.DOWN, down);
        String degraded = firstMatch(profile.state().degraded(), sample);
        if (degraded != null) return Observation.of(TerminalState.DEGRADED, degraded);
        return Observation.of(TerminalState.UP, "all metrics within limits");
    }

    private static String firstMatch(List<Condition> conditions, Sample sample) {
        for (Condition c : conditions) {
            MetricValue v = sample.metrics().get(c.metric());
            if (c.than() != null) {
                if (v instanceof MetricValue.Reading a && sample.metrics().get(c.than()) instanceof MetricValue.Reading b && compares(c, a.value(), b.value())) {
                    return c.reason() + String.format(Locale.ROOT, " (%s, %s %s)", number(a.value()), c.than(), number(b.value()));
                }
                continue;
            }
            if (v != null && holds(c, v)) return c.reason() + describe(v);
        }
        return null;
    }

    private static boolean compares(Condition c, double a, double b) {
        return switch (c.op()) {
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
            default -> false;
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String describe(MetricValue v) {
        if (v instanceof MetricValue.Reading r) {
            double x = r.value();
            return String.format(Locale.ROOT, x != 0 && Math.abs(x) < 0.01 ? " (%.1e)" : " (%.2f)", x); // a BER of 2e-6 is not "0.00"
        }
        if (v instanceof MetricValue.Invalid i) return " (invalid: " + i.raw() + ")";
        return " (" + text(v) + ")";
    }

    /** Does condition {@code c} hold for value {@code v}? Numeric comparisons need a reading;
     * an invalid value satisfies only {@code invalid}, never a threshold. */
    static boolean holds(Condition c, MetricValue v) {
        return switch (c.op()) {
            case INVALID -> v instanceof MetricValue.Invalid;
            case SENTINEL -> v instanceof MetricValue.Sentinel s && (c.labels().isEmpty() || c.labels().contains(s.meaning()));
            case LT -> v instanceof MetricValue.Reading r && r.value() < c.number();
            case LE -> v instanceof MetricValue.Reading r && r.value() <= c.number();
            case GT -> v instanceof MetricValue.Reading r && r.value() > c.number();
            case GE -> v instanceof MetricValue.Reading r && r.value() >= c.number();
            case EQ -> equalsValue(c, v);
            case NE -> !(v instanceof MetricValue.Invalid) && !equalsValue(c, v);
            case IN -> c.labels().contains(text(v));
        };
    }

    private static boolean equalsValue(Condition c, MetricValue v) {
        if (c.number() != null) return v instanceof MetricValue.Reading r && r.value() == c.number();
        return !c.labels().isEmpty() && c.labels().get(0).equals(text(v));
    }

    private static String text(MetricValue v) {
        if (v instanceof MetricValue.Label l) return l.label();
        if (v instanceof MetricValue.Sentinel s) return s.meaning();
        return v.raw();
    }
}
