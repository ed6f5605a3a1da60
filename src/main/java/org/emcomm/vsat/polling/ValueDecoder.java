package org.emcomm.vsat.polling;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.inventory.DeviceProfile.Metric;
import org.emcomm.vsat.snmp.SnmpValue;

/** Turns a raw SNMP value into a {@link MetricValue} as the profile describes. Pure; never throws. */
public final class ValueDecoder {
    /** A number in a DisplayString, optionally followed by a unit: "12.5", "-3.2 dBm", "+4dB". */
    private static final Pattern NUMBER_TEXT = Pattern.compile("\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*([A-Za-z%/°]*)\\s*");

    private ValueDecoder() {}

    public static MetricValue decode(Metric metric, SnmpValue value) {
        if (value == null) return new MetricValue.Invalid("", "no value in the answer");
        String raw = value.text() == null ? "" : value.text();
        if (value.syntax().isException()) return new MetricValue.Invalid(raw, "agent has no such object");
        String sentinel = metric.sentinels().get(raw.trim());
        if (sentinel != null) return new MetricValue.Sentinel(sentinel, raw);
        Double saturated = metric.saturated().get(raw.trim());
        if (saturated != null) return new MetricValue.Reading(saturated, raw);
        return switch (metric.type()) {
            case INTEGER, GAUGE, COUNTER32, COUNTER64, TIMETICKS -> numeric(metric, value, raw);
            case DISPLAY_NUMBER -> displayNumber(metric, value, raw);
            case ENUM -> enumValue(metric, value, raw);
            case TEXT -> new MetricValue.Text(raw);
        };
    }

    private static MetricValue numeric(Metric metric, SnmpValue value, String raw) {
        if (!value.syntax().isNumeric()) {
            return new MetricValue.Invalid(raw, "expected " + metric.type() + ", got " + value.syntax());
        }
        double n = value.syntax() == SnmpValue.Syntax.COUNTER64 && value.number() < 0
                ? Double.parseDouble(Long.toUnsignedString(value.number()))
                : value.number();
        return scaled(metric, n, raw);
    }

    private static MetricValue displayNumber(Metric metric, SnmpValue value, String raw) {
        if (value.syntax().isNumeric()) return scaled(metric, value.number(), raw);
        if (value.syntax() != SnmpValue.Syntax.OCTET_STRING) {
            return new MetricValue.Invalid(raw, "expected a number in a DisplayString, got " + value.syntax());
        }
        Matcher m = NUMBER_TEXT.matcher(raw);
        if (!m.matches()) return new MetricValue.Invalid(raw, "not a number");
        try {
            return scaled(metric, Double.parseDouble(m.group(1)), raw);
        } catch (NumberFormatException e) {
            return new MetricValue.Invalid(raw, "not a number");
        }
    }

    private static MetricValue enumValue(Metric metric, SnmpValue value, String raw) {
        if (value.syntax() != SnmpValue.Syntax.INTEGER && value.syntax() != SnmpValue.Syntax.GAUGE32) {
            return new MetricValue.Invalid(raw, "expected an INTEGER code, got " + value.syntax());
        }
        String label = metric.enumValues().get(Long.toString(value.number()));
        if (label == null) return new MetricValue.Invalid(raw, "unknown code " + value.number());
        return new MetricValue.Label(label, value.number(), raw);
    }

    private static MetricValue scaled(Metric metric, double n, String raw) {
        double v = n * metric.scale();
        if (Double.isNaN(v) || Double.isInfinite(v)) return new MetricValue.Invalid(raw, "out of range");
        return new MetricValue.Reading(v, raw);
    }
}
