package org.emcomm.vsat.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emcomm.vsat.inventory.DeviceProfile.Metric;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * What a simulated modem answers for a profile metric. The simulator reads the same profiles
 * as the poller and knows the physical quantity behind common metric names (esNo, rxLevel,
 * txPower, temperature, latency, sysUpTime, octet counters); it encodes the value the way
 * the profile says the vendor does (scaled integer, DisplayString, Counter64 …). For enum
 * metrics the profile's first value is the normal one and its last the outage; a *state enum
 * shows its second value while a rain fade lasts.
 */
final class ValueModel {
    private ValueModel() {}

    static Variable value(Metric m, SimTerminal t, Conditions c, long uptimeMillis) {
        if (c.garbage()) return garbage(m, t);
        if (m.type() == org.emcomm.vsat.inventory.DeviceProfile.ValueType.ENUM) return enumValue(m, t, c);
        Double physical = physical(m.name(), t, c, uptimeMillis);
        if (physical == null) return encode(m, 0);
        if (c.unlocked() && isSignal(m.name())) {
            // A modem without lock reports its sentinel (Comtech 999), else a floor value.
            for (var e : m.sentinels().entrySet()) {
                if (e.getValue().toLowerCase(Locale.ROOT).contains("unlock")) return sentinel(e.getKey(), m);
            }
            physical = m.name().toLowerCase(Locale.ROOT).contains("rx") ? -99.0 : 0.0;
        }
        return encode(m, physical);
    }

    private static boolean isSignal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("esno") || n.contains("snr") || n.contains("ebno") || n.contains("cn") || n.contains("rx");
    }

    private static Double physical(String name, SimTerminal t, Conditions c, long uptimeMillis) {
        String n = name.toLowerCase(Locale.ROOT);
        double seconds = uptimeMillis / 1000.0;
        if (n.contains("esno") || n.contains("snr") || n.contains("ebno")) return Math.max(0, t.clearSkyEsNo - c.fadeDb() + t.noise(0.3));
        if (n.contains("cn")) return Math.max(0, t.clearSkyEsNo - 1.0 - c.fadeDb() + t.noise(0.3));
        if (n.contains("rx")) return t.rxLevel - c.fadeDb() + t.noise(0.2);
        if (n.contains("tx")) return t.txPower + (c.fadeDb() > 0 ? 1.5 : 0) + t.noise(0.1);
        if (n.contains("temp")) return t.temperature + t.noise(0.5);
        if (n.contains("latency")) return 600 + t.noise(25);
        if (n.contains("uptime")) return (double) (uptimeMillis / 10);
        if (n.contains("inoctets")) return Math.floor(seconds * t.octetRate);
        if (n.contains("outoctets")) return Math.floor(seconds * t.octetRate * 0.3);
        return null;
    }

    private static Variable enumValue(Metric m, SimTerminal t, Conditions c) {
        List<String> codes = new ArrayList<>(m.enumValues().keySet());
        String code;
        if (c.unlocked()) code = codes.get(codes.size() - 1);
        else if (c.fadeDb() > 3 && codes.size() >= 3 && m.name().toLowerCase(Locale.ROOT).endsWith("state")) code = codes.get(1);
        else code = codes.get(0);
        return new Integer32(Integer.parseInt(code));
    }

    private static Variable encode(Metric m, double physical) {
        double raw = physical / m.scale();
        return switch (m.type()) {
            case INTEGER, ENUM -> new Integer32((int) Math.round(raw));
            case GAUGE -> new Gauge32(Math.max(0, Math.round(raw)));
            case COUNTER32 -> new Counter32(Math.round(raw) & 0xFFFFFFFFL);
            case COUNTER64 -> new Counter64(Math.round(raw));
            case TIMETICKS -> new TimeTicks(Math.round(raw) & 0xFFFFFFFFL);
            case DISPLAY_NUMBER -> new OctetString(String.format(Locale.ROOT, "%.1f", raw));
            case TEXT -> new OctetString("ok");
        };
    }

    private static Variable sentinel(String raw, Metric m) {
        try {
            return m.type() == org.emcomm.vsat.inventory.DeviceProfile.ValueType.DISPLAY_NUMBER
                    ? new OctetString(raw) : new Integer32(Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            return new OctetString(raw);
        }
    }

    /** Junk of the kinds real agents send: text where a number belongs, wrong types, nulls. */
    private static Variable garbage(Metric m, SimTerminal t) {
        int pick = (int) Math.floor((t.noise(1) + 1) * 2);
        return switch (pick) {
            case 0 -> new OctetString("Request timed out");
            case 1 -> m.type() == org.emcomm.vsat.inventory.DeviceProfile.ValueType.DISPLAY_NUMBER
                    ? new Integer32(-2147483648) : new OctetString("N/A");
            case 2 -> new Counter64(-1L);
            default -> Null.instance;
        };
    }

    /** Junk for a recorded value: text where a number belongs, wrong types, nulls. */
    static Variable garbage(SimTerminal t) {
        int pick = t == null ? (int) (System.nanoTime() & 3) : (int) Math.floor((t.noise(1) + 1) * 2);
        return switch (pick) {
            case 0 -> new OctetString("Request timed out");
            case 1 -> new OctetString("N/A");
            case 2 -> new Counter64(-1L);
            default -> Null.instance;
        };
    }
}
