package org.emcomm.vsat.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.health.Observation;
import org.emcomm.vsat.health.StateEvaluator;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.PollEngine;
import org.emcomm.vsat.polling.Sample;
import org.emcomm.vsat.simulator.Recording;
import org.emcomm.vsat.simulator.SimAgentServer;
import org.emcomm.vsat.simulator.SimNetwork;
import org.emcomm.vsat.snmp.Snmp4jClient;

/**
 * {@code make profile-check PROFILE=name WALK=file.snmprec}: runs a profile over a recording the way the service would
 * (the recording served over UDP on loopback, polled by the poller, decoded, judged by the state rules) and prints, per
 * metric, the MIB object, where its OID comes from, the raw value, the decoded value and unit, then the state and its
 * reason: what an operator checks before trusting a profile on a new firmware. A table profile reads every row the
 * recording holds.
 */
public final class ProfileCheck {
    /** The check of one terminal (a scalar device) or one row of a hub table. */
    public record Row(String row, Sample sample, Observation observation) {}

    /** What a hub profile's own columns said ({@code hub:}): the rows read, and why the hub is out of service (or null). */
    public record HubSide(int rows, String fault) {}

    /** {@code satelliteInterface}: the ifIndex a profile with {@code interface} found by ifDescr, else null. */
    public record Result(DeviceProfile profile, String recording, List<Row> rows, Integer satelliteInterface, HubSide hub) {
        /** The check of this row (a table profile). */
        public Row row(String row) {
            for (Row r : rows) if (row.equals(r.row())) return r;
            return null;
        }

        public Map<TerminalState, Integer> byState() {
            Map<TerminalState, Integer> out = new EnumMap<>(TerminalState.class);
            for (Row r : rows) out.merge(r.observation().state(), 1, Integer::sum);
            return out;
        }
    }

    private ProfileCheck() {}

    public static Result run(Path profilesDir, String profileName, Recording recording) throws Exception {
        Map<String, DeviceProfile> profiles = new ConfigLoader(k -> null).profiles(profilesDir);
        DeviceProfile p = profiles.get(profileName);
        if (p == null) throw new IllegalArgumentException("no profile '" + profileName + "' in " + profilesDir + " (known: " + String.join(", ", profiles.keySet()) + ")");
        Path dir = Files.createTempDirectory("emcomm-profile-check");
        try {
            int port;
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                port = s.getLocalPort();
            }
            Files.writeString(dir.resolve("credentials.yaml"), "credentials:\n  check: {version: v2c, community: profile-check}\n");
            StringBuilder inv = new StringBuilder("satellites: [{id: sat}]\nbeams: [{id: b, satellite: sat}]\nregions: [{id: p, level: province}]\n");
            List<String> rows = p.shape() == DeviceProfile.Shape.TABLE ? rows(p, recording) : null;
            if (rows == null) {
                inv.append("hubs: [{id: h, region: p}]\nterminals:\n  - {id: device, region: p, hub: h, beam: b, lat: 0, lon: 0, profile: ")
                        .append(p.name()).append(", credential: check, agent: \"127.0.0.1:").append(port).append("\"}\n");
            } else {
                inv.append("hubs: [{id: h, region: p, agent: \"127.0.0.1:").append(port).append("\", profile: ").append(p.name()).append(", credential: check}]\nterminals:\n");
                for (int i = 0; i < rows.size(); i++) {
                    inv.append("  - {id: \"row-").append(i).append("\", region: p, hub: h, beam: b, lat: 0, lon: 0, row: \"").append(rows.get(i)).append("\"}\n");
                }
            }
            Files.writeString(dir.resolve("inventory.yaml"), inv.toString());
            Inventory inventory = new ConfigLoader(k -> null).load(dir, profilesDir);
            SimNetwork network = new SimNetwork(inventory, Clock.systemUTC(), 1, Map.of(rows == null ? "device" : "h", recording));
            Map<String, Sample> samples = new ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicReference<org.emcomm.vsat.polling.HubReading> hubRead = new java.util.concurrent.atomic.AtomicReference<>();
            try (SimAgentServer server = new SimAgentServer(network, 1);
                 Snmp4jClient client = new Snmp4jClient(inventory.credentials().values(), 256, 1 << 20)) {
                server.start();
                new PollEngine(inventory, client, Clock.systemUTC(), s -> samples.put(s.terminalId(), s)).onHubReading(hubRead::set)
                        .poll(List.copyOf(inventory.terminals())).get(5, TimeUnit.MINUTES);
            }
            HubSide hub = hubRead.get() == null ? null : new HubSide(hubRead.get().rows().size(), StateEvaluator.hubFault(p, hubRead.get()));
            List<Row> out = new ArrayList<>();
            if (rows == null) {
                Sample s = samples.get("device");
                out.add(new Row(null, s, StateEvaluator.evaluate(p, s)));
            } else {
                for (int i = 0; i < rows.size(); i++) {
                    Sample s = samples.get("row-" + i);
                    out.add(new Row(rows.get(i), s, StateEvaluator.evaluate(p, s)));
                }
            }
            return new Result(p, recording.name(), out, rows == null ? inventory.satelliteInterfaces().of("device") : null, hub);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The rows a recording holds for this table profile: the index of every line under one of its columns. */
    static List<String> rows(DeviceProfile p, Recording recording) {
        Set<String> out = new LinkedHashSet<>();
        for (String oid : recording.oids()) {
            for (DeviceProfile.Metric m : p.metrics()) {
                if (!oid.startsWith(m.oid() + ".")) continue;
                String suffix = oid.substring(m.oid().length() + 1);
                if (suffix.contains("{row")) { out.add("1"); continue; }
                String row = p.index() == DeviceProfile.IndexType.OCTET_STRING ? stringRow(suffix) : suffix;
                if (row != null) out.add(row);
            }
        }
        return List.copyOf(out);
    }

    /** "4.49.48.48.49" → "1001"; null when the suffix is not a printable string index. */
    static String stringRow(String suffix) {
        String[] arcs = suffix.split("\\.");
        try {
            int n = Integer.parseInt(arcs[0]);
            if (n != arcs.length - 1) return null;
            StringBuilder b = new StringBuilder();
            for (int i = 1; i < arcs.length; i++) {
                int c = Integer.parseInt(arcs[i]);
                if (c < 0x21 || c > 0x7e) return null;
                b.append((char) c);
            }
            return b.toString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static String report(Result r) {
        StringBuilder b = new StringBuilder();
        DeviceProfile p = r.profile();
        b.append(String.format(Locale.ROOT, "profile %s (%s, %s) over %s%n", p.name(), p.vendor(), p.shape().name().toLowerCase(Locale.ROOT), r.recording()));
        if (r.hub() != null) {
            b.append(r.hub().rows() == 0 ? "hub: its own columns hold no row (nothing said of the hub)\n"
                    : r.hub().fault() == null ? String.format(Locale.ROOT, "hub: in service (%d rows of its own columns)%n", r.hub().rows())
                    : "hub: OUT OF SERVICE, " + r.hub().fault() + " (opens HUB_OUTAGE)\n");
        }
        if (r.rows().isEmpty()) return b.append("the recording holds no row of this table profile's columns\n").toString();
        boolean many = r.rows().size() > 5;
        if (many) b.append(String.format(Locale.ROOT, "%d rows: %s%n", r.rows().size(), r.byState()));
        int detailed = 0;
        for (Row row : r.rows()) {
            boolean notUp = row.observation().state() != TerminalState.UP;
            if (many && detailed >= 3 && !notUp) continue;
            if (many && detailed >= 3) {
                b.append(String.format(Locale.ROOT, "row %-12s %-8s %s%n", row.row(), row.observation().state(), row.observation().reason()));
                continue;
            }
            detailed++;
            b.append('\n');
            if (row.row() != null) b.append("row ").append(row.row()).append('\n');
            if (row.sample().status() != Sample.PollStatus.ANSWERED) {
                b.append("  no answer: ").append(row.sample().status()).append(' ').append(row.sample().detail()).append('\n');
            } else {
                b.append(String.format(Locale.ROOT, "  %-18s %-34s %-12s %-20s %-34s %s%n", "metric", "object", "source", "raw", "decoded", "unit"));
                for (DeviceProfile.Metric m : p.metrics()) {
                    MetricValue v = row.sample().metrics().get(m.name());
                    b.append(String.format(Locale.ROOT, "  %-18s %-34s %-12s %-20s %-34s %s%n", m.name(), m.object() == null ? "-" : m.object(),
                            m.source() == null ? "-" : m.source().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                            clip(v == null ? "" : v.raw(), 20), clip(decoded(v), 34), m.unit() == null ? "" : m.unit()));
                }
            }
            b.append(String.format(Locale.ROOT, "  state %s: %s%n", row.observation().state(), row.observation().reason()));
        }
        return b.toString();
    }

    static String decoded(MetricValue v) {
        if (v == null) return "(not asked)";
        if (v instanceof MetricValue.Reading r) {
            return r.value() != 0 && Math.abs(r.value()) < 0.01 ? String.format(Locale.ROOT, "%.2e", r.value())
                    : String.format(Locale.ROOT, "%.2f", r.value()).replaceFirst("\\.?0+$", "");
        }
        if (v instanceof MetricValue.Label l) return l.label() + " (" + l.code() + ")";
        if (v instanceof MetricValue.Sentinel s) return "sentinel: " + s.meaning();
        if (v instanceof MetricValue.Invalid i) return "INVALID: " + i.reason();
        return "text";
    }

    private static String clip(String s, int n) {
        String flat = s.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= n ? flat : flat.substring(0, n - 1) + "…";
    }

    /** {@code ProfileCheck PROFILE WALK [PROFILES_DIR]} */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: make profile-check PROFILE=name WALK=file.snmprec [PROFILES=config/profiles]");
            System.exit(2);
        }
        Recording rec;
        try {
            rec = Recording.load(Path.of(args[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + args[1], e);
        }
        Result r = run(Path.of(args.length > 2 ? args[2] : "config/profiles"), args[0], rec);
        System.out.print(report(r));
    }
}
