package org.emcomm.vsat.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.DeviceProfile;

/**
 * {@code make profile-lint MIBS=dir [PROFILE=name]}: checks profiles against the MIB files an operator has (vendor
 * MIBs are never shipped). Every metric OID must be an object the MIBs define, readable, of a SYNTAX its declared type
 * can decode, with the enum codes and labels the MIB gives and the object name the profile says; every trap OID a
 * NOTIFICATION-TYPE (or an SMIv1 TRAP-TYPE); every neverWrite OID a writable object. The MIB text is read by net-snmp's
 * own parser ({@code snmptranslate -Td}), not by one of ours.
 */
public final class ProfileLint {
    public enum Level { OK, INFO, WARN, ERROR }

    public record Finding(String profile, String where, String oid, Level level, String message) {}

    /** What the MIBs say of one OID: the object it falls in, its kind, and the arcs past it (an instance). */
    record Definition(String oid, String name, String kind, String module, String syntax, Map<Long, String> enums,
                      String access, String suffix) {
        boolean found() { return name != null && suffix != null; }
    }

    private ProfileLint() {}

    /** Lints these profiles against the MIBs in {@code mibDirs} (net-snmp's own MIB folder is searched too). */
    public static List<Finding> lint(List<DeviceProfile> profiles, List<Path> mibDirs) throws IOException, InterruptedException {
        List<String> oids = new ArrayList<>();
        for (DeviceProfile p : profiles) {
            for (DeviceProfile.Metric m : p.metrics()) oids.add(asked(m));
            for (DeviceProfile.Metric m : p.hub().metrics()) oids.add(asked(m));
            for (DeviceProfile.TrapRule t : p.traps()) oids.add(t.oid());
            oids.addAll(p.neverWrite());
        }
        Map<String, Definition> defs = translate(mibDirs, oids);
        List<Finding> out = new ArrayList<>();
        for (DeviceProfile p : profiles) {
            for (int i = 0; i < p.metrics().size(); i++) out.addAll(metric(p, "metrics[" + i + "] ", p.metrics().get(i), defs.get(asked(p.metrics().get(i)))));
            for (int i = 0; i < p.hub().metrics().size(); i++) {
                out.addAll(metric(p, "hub.metrics[" + i + "] ", p.hub().metrics().get(i), defs.get(asked(p.hub().metrics().get(i)))));
            }
            for (int i = 0; i < p.traps().size(); i++) {
                DeviceProfile.TrapRule t = p.traps().get(i);
                Definition d = defs.get(t.oid());
                String where = "traps[" + i + "] " + t.name();
                if (d != null && d.found() && "OBJECT-TYPE".equals(d.kind())) {
                    out.add(new Finding(p.name(), where, t.oid(), Level.ERROR, t.oid() + " is " + d.name() + (d.suffix().isEmpty() ? "" : "." + d.suffix())
                            + ", an OBJECT-TYPE, not a NOTIFICATION-TYPE"));
                } else if (d == null || !d.found() || !d.suffix().isEmpty()) {
                    out.add(new Finding(p.name(), where, t.oid(), Level.ERROR, "not defined in the MIBs loaded" + near(d)));
                } else if (!d.kind().equals("NOTIFICATION-TYPE") && !d.kind().equals("TRAP-TYPE")) {
                    out.add(new Finding(p.name(), where, t.oid(), Level.ERROR, d.name() + " is an " + d.kind() + ", not a NOTIFICATION-TYPE"));
                } else {
                    out.add(new Finding(p.name(), where, t.oid(), Level.OK, d.name() + " (" + d.module() + ") " + d.kind()));
                }
            }
            for (int i = 0; i < p.neverWrite().size(); i++) {
                String oid = p.neverWrite().get(i);
                Definition d = defs.get(oid);
                String where = "neverWrite[" + i + "]";
                if (d == null || !d.found() || !(d.suffix().isEmpty() || d.suffix().equals("0"))) {
                    out.add(new Finding(p.name(), where, oid, Level.WARN, "not defined in the MIBs loaded" + near(d)));
                } else if (d.access() == null || !(d.access().equals("read-write") || d.access().equals("read-create"))) {
                    out.add(new Finding(p.name(), where, oid, Level.WARN, d.name() + " is " + d.access() + ": nothing to guard"));
                } else {
                    out.add(new Finding(p.name(), where, oid, Level.OK, d.name() + " (" + d.module() + ") " + d.access() + ", never read nor written"));
                }
            }
        }
        return out;
    }

    /** The OID a metric is checked at: a scalar's instance as written, a table column or an {ifIndex} column bare. */
    static String asked(DeviceProfile.Metric m) {
        return m.perInterface() ? m.oid().substring(0, m.oid().length() - DeviceProfile.Interface.PLACEHOLDER.length() - 1) : m.oid();
    }

    private static String near(Definition d) {
        return d == null || d.name() == null ? "" : " (the nearest defined node is " + d.name() + " in " + d.module() + ")";
    }

    private static List<Finding> metric(DeviceProfile p, String key, DeviceProfile.Metric m, Definition d) {
        String where = key + m.name();
        String oid = asked(m);
        List<Finding> out = new ArrayList<>();
        boolean column = p.shape() == DeviceProfile.Shape.TABLE || m.perInterface();
        if (d == null || !d.found()) return List.of(new Finding(p.name(), where, oid, Level.ERROR, "not defined in the MIBs loaded" + near(d)));
        if (!d.kind().equals("OBJECT-TYPE")) return List.of(new Finding(p.name(), where, oid, Level.ERROR, d.name() + " is a " + d.kind() + ", not an object to read"));
        if (column && !d.suffix().isEmpty()) {
            out.add(new Finding(p.name(), where, oid, Level.ERROR, "a column is read with its row appended; " + oid + " is " + d.name() + "." + d.suffix()));
        } else if (!column && !d.suffix().equals("0")) {
            out.add(new Finding(p.name(), where, oid, Level.ERROR, d.suffix().isEmpty() ? d.name() + " is read without its instance: a scalar is read at .0"
                    : oid + " is " + d.name() + "." + d.suffix() + ": a scalar is read at .0"));
        }
        if (d.access() != null && (d.access().equals("not-accessible") || d.access().equals("accessible-for-notify"))) {
            out.add(new Finding(p.name(), where, oid, Level.ERROR, d.name() + " is " + d.access() + ": an agent does not answer a GET of it"));
        }
        String mismatch = typeMismatch(m, d);
        if (mismatch != null) out.add(new Finding(p.name(), where, oid, Level.ERROR, mismatch));
        if (m.object() != null && !m.object().equals(d.name())) {
            out.add(new Finding(p.name(), where, oid, Level.ERROR, "object: " + m.object() + ", but the MIB names it " + d.name()));
        }
        if (m.type() == DeviceProfile.ValueType.ENUM) {
            for (var e : m.enumValues().entrySet()) {
                long code = Long.parseLong(e.getKey());
                String mib = d.enums().get(code);
                if (mib == null) out.add(new Finding(p.name(), where, oid, Level.ERROR, "code " + code + " (" + e.getValue() + ") is not in " + d.name() + "'s enum " + d.enums()));
                else if (!mib.equals(e.getValue())) out.add(new Finding(p.name(), where, oid, Level.WARN, "code " + code + " is '" + e.getValue() + "' here and '" + mib + "' in the MIB"));
            }
            List<Long> missing = d.enums().keySet().stream().filter(c -> !m.enumValues().containsKey(Long.toString(c))).toList();
            if (!missing.isEmpty()) out.add(new Finding(p.name(), where, oid, Level.INFO, "MIB codes the profile does not list (read as invalid): " + missing));
        }
        boolean writable = d.access() != null && (d.access().equals("read-write") || d.access().equals("read-create"));
        if (out.stream().noneMatch(f -> f.level() == Level.ERROR)) {
            out.add(0, new Finding(p.name(), where, oid, Level.OK, d.name() + " (" + d.module() + ") " + d.syntax() + ", " + d.access()
                    + (writable ? " (writable: read only, never SET)" : "") + (m.object() == null ? "; add object: " + d.name() : "")));
        }
        return out;
    }

    /** Why the profile's type cannot decode what the MIB says the agent sends, or null when it can. */
    static String typeMismatch(DeviceProfile.Metric m, Definition d) {
        String s = d.syntax() == null ? "" : d.syntax();
        boolean integer = s.startsWith("INTEGER") || s.startsWith("Integer32") || s.startsWith("Unsigned32") || s.startsWith("Gauge32");
        boolean text = s.startsWith("OCTET STRING") || s.startsWith("DisplayString");
        boolean ok = switch (m.type()) {
            case INTEGER -> integer;
            case GAUGE -> s.startsWith("Gauge32") || s.startsWith("Unsigned32");
            case COUNTER32 -> s.startsWith("Counter32");
            case COUNTER64 -> s.startsWith("Counter64");
            case TIMETICKS -> s.startsWith("TimeTicks");
            case DISPLAY_NUMBER -> text || integer;
            case ENUM -> s.startsWith("INTEGER") && !d.enums().isEmpty();
            case TEXT -> text;
        };
        return ok ? null : "type " + m.type().name().toLowerCase(Locale.ROOT).replace('_', '-') + " cannot read " + d.name() + "'s SYNTAX " + s;
    }

    private static final Pattern OID_LINE = Pattern.compile("^\\.?\\d+(\\.\\d+)+$");
    private static final Pattern HEAD = Pattern.compile("^(\\S+) (OBJECT-TYPE|NOTIFICATION-TYPE|TRAP-TYPE|OBJECT-IDENTITY|MODULE-IDENTITY|OBJECT IDENTIFIER|OBJECT-GROUP|NOTIFICATION-GROUP|MODULE-COMPLIANCE)");
    private static final Pattern ENUM = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)\\((-?\\d+)\\)");

    /** Asks net-snmp's snmptranslate what the MIBs define at each OID (one process for all of them). */
    static Map<String, Definition> translate(List<Path> mibDirs, List<String> oids) throws IOException, InterruptedException {
        Map<String, Definition> out = new HashMap<>();
        if (oids.isEmpty()) return out;
        List<String> args = new ArrayList<>(List.of("-Td", "-On"));
        for (String o : new java.util.LinkedHashSet<>(oids)) args.add("." + o);
        String text = MibFiles.snmptranslate(mibDirs, args);
        List<String> block = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (OID_LINE.matcher(line.trim()).matches() && line.startsWith(".")) {
                if (!block.isEmpty()) put(out, block);
                block = new ArrayList<>();
            }
            block.add(line);
        }
        if (!block.isEmpty()) put(out, block);
        return out;
    }

    private static void put(Map<String, Definition> out, List<String> block) {
        String oid = block.get(0).trim().substring(1);
        String name = null, kind = null, module = null, syntax = null, access = null, path = null;
        Map<Long, String> enums = new LinkedHashMap<>();
        for (int i = 1; i < block.size(); i++) {
            String l = block.get(i);
            Matcher h = HEAD.matcher(l);
            if (i == 1 && h.find()) {
                name = h.group(1);
                kind = h.group(2);
            } else if (l.trim().startsWith("-- FROM")) {
                module = l.trim().substring("-- FROM".length()).trim();
            } else if (l.trim().startsWith("SYNTAX")) {
                syntax = l.trim().substring("SYNTAX".length()).trim();
                Matcher e = ENUM.matcher(syntax.contains("{") ? syntax.substring(syntax.indexOf('{')) : "");
                while (e.find()) enums.put(Long.parseLong(e.group(2)), e.group(1));
            } else if (l.trim().startsWith("MAX-ACCESS") || l.trim().startsWith("ACCESS")) {
                access = l.trim().replaceFirst("^(MAX-)?ACCESS", "").trim();
            } else if (l.startsWith("::= {")) {
                path = l.substring(5, l.lastIndexOf('}')).trim();
            }
        }
        String suffix = null;
        if (name != null && path != null) {
            // "… ifEntry(1) 8": the node itself is the last number; "… tmRxEbNo(1) 0": the named node, then an instance
            String[] tokens = path.split("\\s+");
            int lastNamed = -1;
            for (int i = 0; i < tokens.length; i++) if (tokens[i].contains("(")) lastNamed = i;
            String lastName = lastNamed < 0 ? null : tokens[lastNamed].substring(0, tokens[lastNamed].indexOf('('));
            int nodeArcs = name.equals(lastName) ? lastNamed + 1 : lastNamed + 2;
            String[] arcs = oid.split("\\.");
            if (nodeArcs <= arcs.length && (name.equals(lastName) || lastNamed + 1 < tokens.length)) {
                suffix = String.join(".", java.util.Arrays.copyOfRange(arcs, nodeArcs, arcs.length));
                // a name found only as an ancestor (the OID is not defined): the MIB has no node where the OID points
                if (name.equals(lastName) && !suffix.isEmpty() && !kind.equals("OBJECT-TYPE")) suffix = null;
                if (name.equals(lastName) && kind.equals("OBJECT-TYPE") && syntax == null) suffix = null;
            }
        }
        out.put(oid, new Definition(oid, name, kind, module, syntax, enums, access, suffix));
    }

    public static String report(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        String profile = null;
        for (Finding f : findings) {
            if (!f.profile().equals(profile)) {
                profile = f.profile();
                b.append("profile ").append(profile).append('\n');
            }
            b.append(String.format(Locale.ROOT, "  %-5s %-34s %-36s %s%n", f.level(), f.where(), f.oid(), f.message()));
        }
        long errors = findings.stream().filter(f -> f.level() == Level.ERROR).count();
        long warnings = findings.stream().filter(f -> f.level() == Level.WARN).count();
        b.append(String.format(Locale.ROOT, "%d errors, %d warnings%n", errors, warnings));
        return b.toString();
    }

    /** {@code ProfileLint MIBS_DIR [PROFILE] [PROFILES_DIR]}: exit 1 on any error. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args[0].isBlank()) {
            System.err.println("usage: make profile-lint MIBS=dir [PROFILE=name] (vendor MIBs are not shipped: the folder holds yours)");
            System.exit(2);
        }
        Map<String, DeviceProfile> all = new ConfigLoader(k -> null).profiles(Path.of(args.length > 2 ? args[2] : "config/profiles"));
        List<DeviceProfile> chosen = new ArrayList<>();
        if (args.length > 1 && !args[1].isBlank()) {
            DeviceProfile p = all.get(args[1]);
            if (p == null) {
                System.err.println("no profile '" + args[1] + "' (known: " + String.join(", ", all.keySet()) + ")");
                System.exit(2);
            }
            chosen.add(p);
        } else {
            chosen.addAll(all.values());
        }
        List<Finding> findings = lint(chosen, List.of(Path.of(args[0])));
        System.out.print(report(findings));
        System.exit(findings.stream().anyMatch(f -> f.level() == Level.ERROR) ? 1 : 0);
    }
}
