package org.emcomm.vsat.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * A device's answers as recorded, in the open snmprec format ({@code OID|TAG|VALUE}, one per line, read and written
 * by snmpsim and others): TAG is the BER type (2 INTEGER, 4 OCTET STRING, 5 NULL, 6 OBJECT IDENTIFIER, 64 IpAddress,
 * 65 Counter32, 66 Gauge32, 67 TimeTicks, 68 Opaque, 70 Counter64); a TAG ending in {@code x} carries its value in hex.
 *
 * <p>Two additions, for fixtures of our own (a recorded walk needs neither):
 * <ul>
 *   <li>an OID may hold {@code {row}} (the remote's row as written) or {@code {row:string}} (the row as an OCTET STRING
 *   index, length then bytes): such a line is one per remote of the hub the recording serves;</li>
 *   <li>a TAG ending in {@code :sim} makes the value move (snmpsim calls these variation modules): VALUE is
 *   {@code key=value;…} with {@code v} the clear-sky value, {@code fade} its change per dB of rain fade,
 *   {@code unlocked} the value while the link is down, {@code faded} the value during a fade deeper than 3 dB,
 *   {@code spread} a per-remote offset (±), {@code noise} a per-answer jitter (±), {@code fmt} the text format of a
 *   number in an OCTET STRING, {@code uptime} the agent's uptime, {@code rate} a counter's growth per second.</li>
 * </ul>
 */
public final class Recording {
    /** One line: where (OID, maybe with a row placeholder), the BER tag, and the value or its variation. */
    record Line(String oid, int tag, String value, Sim sim, boolean hex) {
        boolean perRow() { return oid.contains("{row"); }

        String oid(String row) {
            if (!perRow()) return oid;
            return oid.replace("{row:string}", DeviceProfile.octetStringIndex(row)).replace("{row}", row);
        }
    }

    /**
     * A {@code TAG:sim} value, read once at load (a simulated agent answers it thousands of times a second): the
     * clear-sky value (as written, and as a number when it moves), its change per dB of fade, the per-remote spread and
     * per-answer noise, the values while unlocked and during a deep fade, the text format, uptime, a counter's rate.
     */
    record Sim(String v, double number, Double fade, Double spread, Double noise, String unlocked, String faded, String fmt,
               boolean uptime, Double rate) {
        static final java.util.Set<String> KEYS = java.util.Set.of("v", "fade", "spread", "noise", "unlocked", "faded", "fmt", "uptime", "rate");

        boolean moves() { return fade != null || spread != null || noise != null; }

        static Sim parse(String where, String text) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : text.split(";")) {
                if (part.isBlank()) continue;
                int eq = part.indexOf('=');
                String key = (eq < 0 ? part : part.substring(0, eq)).trim();
                if (!KEYS.contains(key)) throw new IllegalArgumentException(where + ": '" + key + "' is not one of " + new java.util.TreeSet<>(KEYS));
                kv.put(key, eq < 0 ? "" : part.substring(eq + 1));
            }
            Sim s = new Sim(kv.getOrDefault("v", "0"), 0, number(where, kv, "fade"), number(where, kv, "spread"), number(where, kv, "noise"),
                    kv.get("unlocked"), kv.get("faded"), kv.getOrDefault("fmt", "%.1f"), kv.containsKey("uptime"), number(where, kv, "rate"));
            if (!s.moves()) return s;
            Double v = number(where, kv, "v");
            return new Sim(s.v, v == null ? 0 : v, s.fade, s.spread, s.noise, s.unlocked, s.faded, s.fmt, s.uptime, s.rate);
        }

        private static Double number(String where, Map<String, String> kv, String key) {
            String text = kv.get(key);
            if (text == null) return null;
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": " + key + "=" + text + " needs a number");
            }
        }
    }

    final String name;
    final List<Line> lines;

    private Recording(String name, List<Line> lines) {
        this.name = name;
        this.lines = List.copyOf(lines);
    }

    public String name() { return name; }

    public int size() { return lines.size(); }

    /** The OIDs of the recording, as written (with {@code {row}} placeholders where it has them). */
    public List<String> oids() { return lines.stream().map(Line::oid).toList(); }

    public static Recording load(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** A shipped fixture ({@code fixtures/<name>.snmprec} on the class path), or null when there is none. */
    public static Recording shipped(String name) {
        try (InputStream in = Recording.class.getResourceAsStream("/fixtures/" + name + ".snmprec")) {
            if (in == null) return null;
            return parse(name + ".snmprec", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("fixture " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses snmprec text; a bad line fails with its number. Lines starting with # are comments. */
    public static Recording parse(String name, String text) {
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] all = text.split("\r?\n", -1);
        for (int i = 0; i < all.length; i++) {
            String l = all[i];
            if (l.isBlank() || l.startsWith("#")) continue;
            int a = l.indexOf('|');
            int b = a < 0 ? -1 : l.indexOf('|', a + 1);
            if (b < 0) throw new IllegalArgumentException(name + ":" + (i + 1) + ": not OID|TAG|VALUE");
            String oid = l.substring(0, a).trim();
            if (oid.startsWith(".")) oid = oid.substring(1);
            String tag = l.substring(a + 1, b).trim();
            String value = l.substring(b + 1);
            if (!oid.matches("\\d+(\\.(\\d+|\\{row(:string)?}))+")) throw new IllegalArgumentException(name + ":" + (i + 1) + ": '" + oid + "' is not an OID");
            Sim sim = null;
            boolean hex = false;
            if (tag.endsWith(":sim")) {
                tag = tag.substring(0, tag.length() - 4);
                sim = Sim.parse(name + ":" + (i + 1), value);
            } else if (tag.endsWith("x")) {
                hex = true;
                tag = tag.substring(0, tag.length() - 1);
            }
            int t;
            try {
                t = Integer.parseInt(tag);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": '" + tag + "' is not a BER tag");
            }
            if (hex) value = new String(HexFormat.of().parseHex(value.trim()), StandardCharsets.ISO_8859_1);
            Integer before = seen.put(oid, i + 1);
            if (before != null) throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + oid + " is already on line " + before);
            Line line = new Line(oid, t, value, sim, hex);
            if (sim == null) encode(line, line.value.replace("{row}", "0")); // fail at load, not at the first GET
            lines.add(line);
        }
        if (lines.isEmpty()) throw new IllegalArgumentException(name + ": no OID|TAG|VALUE lines");
        return new Recording(name, lines);
    }

    /** What this line answers now, for this terminal (noise, spread) under these conditions. */
    static Variable value(Line line, SimTerminal t, Conditions c, long uptimeMillis) {
        if (line.sim == null) return encode(line, t != null && line.perRow() ? line.value.replace("{row}", t.terminal.row()) : line.value);
        Sim s = line.sim;
        if (s.uptime()) return new TimeTicks((uptimeMillis / 10) & 0xFFFFFFFFL);
        if (s.rate() != null) {
            double v = Math.floor(uptimeMillis / 1000.0 * s.rate() * (t == null ? 1 : 0.5 + t.unit()));
            return line.tag == 70 ? new Counter64((long) v) : new Counter32(((long) v) & 0xFFFFFFFFL);
        }
        if (c.unlocked() && s.unlocked() != null) return moving(line, s.unlocked());
        if (c.fadeDb() > 3 && s.faded() != null) return moving(line, s.faded());
        if (!s.moves()) return moving(line, s.v());
        double v = s.number();
        if (t != null && s.spread() != null) v += (t.unit() * 2 - 1) * s.spread();
        if (s.fade() != null) v += c.fadeDb() * s.fade();
        if (t != null && s.noise() != null) v += t.noise(s.noise());
        if (line.tag == 4) return new OctetString(String.format(Locale.ROOT, s.fmt(), v));
        return encode(line, Long.toString(Math.round(v)));
    }

    /** A moving value: a text where the type wants a number is what devices send then ("NA"), so it is sent as text. */
    private static Variable moving(Line line, String value) {
        boolean numericTag = line.tag == 2 || line.tag == 65 || line.tag == 66 || line.tag == 67 || line.tag == 70;
        if (numericTag && !value.trim().matches("-?\\d+")) return new OctetString(value);
        return encode(line, value);
    }

    static Variable encode(Line line, String value) {
        try {
            return switch (line.tag) {
                case 2 -> new Integer32(Integer.parseInt(value.trim()));
                case 4 -> new OctetString(value.getBytes(line.hex ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
                case 5 -> Null.instance;
                case 6 -> new OID(value.trim());
                case 64 -> new IpAddress(value.trim());
                case 65 -> new Counter32(Long.parseLong(value.trim()));
                case 66 -> new Gauge32(Long.parseLong(value.trim()));
                case 67 -> new TimeTicks(Long.parseLong(value.trim()));
                case 68 -> new Opaque(value.getBytes(StandardCharsets.ISO_8859_1));
                case 70 -> new Counter64(Long.parseUnsignedLong(value.trim()));
                default -> throw new IllegalArgumentException("BER tag " + line.tag + " is not served");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("line " + line.oid + "|" + line.tag + "|" + value + ": " + e.getMessage(), e);
        }
    }

}
