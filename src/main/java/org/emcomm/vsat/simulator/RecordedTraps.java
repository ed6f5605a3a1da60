package org.emcomm.vsat.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * The traps a device sends, as it sends them: a fixture's {@code fixtures/<name>.traps}, one trap per line,
 * {@code event|trap OID|varbind OID|TAG|VALUE|varbind OID|TAG|VALUE…} in snmprec's types. Events are
 * {@code down-raise}, {@code down-clear}, {@code degraded-raise}, {@code degraded-clear} (what the simulator's
 * scenarios make a device say) or any name a test picks. {@code {row}} in an OID or value is the remote's row,
 * {@code {row:string}} the row as an OCTET STRING index. Several lines may share an event (one trap per alarm).
 */
public final class RecordedTraps {
    /** One trap to send: its notification OID and varbinds (after sysUpTime.0 and snmpTrapOID.0, which the sender adds). */
    public record Sent(String oid, List<VariableBinding> varbinds) {}

    private record Template(String oid, List<Recording.Line> varbinds) {}

    private final Map<String, List<Template>> byEvent;

    private RecordedTraps(Map<String, List<Template>> byEvent) { this.byEvent = byEvent; }

    public static RecordedTraps shipped(String name) {
        try (InputStream in = RecordedTraps.class.getResourceAsStream("/fixtures/" + name + ".traps")) {
            if (in == null) return null;
            return parse(name + ".traps", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("trap fixture " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static RecordedTraps load(java.nio.file.Path file) throws IOException {
        return parse(file.getFileName().toString(), java.nio.file.Files.readString(file, StandardCharsets.UTF_8));
    }

    public static RecordedTraps parse(String name, String text) {
        Map<String, List<Template>> out = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isBlank() || l.startsWith("#")) continue;
            String[] f = l.split("\\|", -1);
            if (f.length < 2 || (f.length - 2) % 3 != 0) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": not event|trap OID|(varbind OID|TAG|VALUE)…");
            }
            StringBuilder rec = new StringBuilder();
            for (int v = 2; v < f.length; v += 3) rec.append(f[v]).append('|').append(f[v + 1]).append('|').append(f[v + 2]).append('\n');
            List<Recording.Line> varbinds = rec.length() == 0 ? List.of()
                    : Recording.parse(name + ":" + (i + 1), rec.toString().replace("|{row}\n", "|0\n")).lines;
            // values holding {row} are kept as written, filled in at send time
            List<Recording.Line> kept = new ArrayList<>();
            int k = 0;
            for (int v = 2; v < f.length; v += 3, k++) {
                Recording.Line parsed = varbinds.get(k);
                kept.add(new Recording.Line(parsed.oid(), parsed.tag(), f[v + 2], null, false));
            }
            out.computeIfAbsent(f[0].trim(), e -> new ArrayList<>()).add(new Template(f[1].trim(), List.copyOf(kept)));
        }
        return new RecordedTraps(out);
    }

    /** The traps of this event, for this remote's row (null for a device answering for itself). */
    public List<Sent> of(String event, String row) {
        List<Sent> out = new ArrayList<>();
        for (Template t : byEvent.getOrDefault(event, List.of())) {
            List<VariableBinding> vbs = new ArrayList<>();
            for (Recording.Line l : t.varbinds()) {
                String value = row == null ? l.value() : l.value().replace("{row}", row);
                vbs.add(new VariableBinding(new OID(row == null ? l.oid() : l.oid(row)), Recording.encode(l, value)));
            }
            out.add(new Sent(t.oid(), List.copyOf(vbs)));
        }
        return out;
    }

    public java.util.Set<String> events() { return byEvent.keySet(); }
}
