package org.emcomm.vsat.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.inventory.AgentAddress;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Credential;
import org.emcomm.vsat.inventory.Secret;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.snmp.SnmpClient;
import org.emcomm.vsat.snmp.SnmpTarget;
import org.emcomm.vsat.snmp.SnmpValue;
import org.emcomm.vsat.snmp.TableWalker;

/**
 * {@code make record-walk AGENT=host:port [CRED=name] OUT=file.snmprec}: walks a device (GETBULK for v2c and v3,
 * GETNEXT for v1) and writes what it answered in snmprec ({@code OID|TAG|VALUE}), so an operator can send us a walk and
 * a test or {@code make profile-check} can replay it. Redacted: sysContact, sysName and sysLocation, the processes'
 * command lines (hrSWRunParameters); every IPv4 address, mapped one to one onto 192.0.2.0/24 (TEST-NET-1) in values,
 * text, 4-byte strings and the indexes of the IP tables (IPv4-mapped IPv6 too), other IPv6 addresses in those indexes
 * onto 2001:db8::/32; every hardware address (the interfaces' and their neighbours'), onto 02:00:00:00:xx:xx.
 * Read-only like the service: nothing but GETNEXT/GETBULK is sent.
 */
public final class RecordWalk {
    static final String SYS_CONTACT = "1.3.6.1.2.1.1.4.0", SYS_NAME = "1.3.6.1.2.1.1.5.0", SYS_LOCATION = "1.3.6.1.2.1.1.6.0";
    /** Hardware addresses: the interfaces' own (ifPhysAddress) and their neighbours' (ipNetToMediaPhysAddress,
     * atPhysAddress, ipNetToPhysicalPhysAddress). */
    static final List<String> PHYS_ADDRESS = List.of("1.3.6.1.2.1.2.2.1.6.", "1.3.6.1.2.1.4.22.1.2.", "1.3.6.1.2.1.3.1.1.2.", "1.3.6.1.2.1.4.35.1.4.");
    /** HOST-RESOURCES hrSWRunParameters: the command lines of the device's processes, which may carry passwords. */
    static final String HR_SW_RUN_PARAMETERS = "1.3.6.1.2.1.25.4.2.1.5.";
    /** Tables whose index holds IPv4 addresses as four arcs, with where each address starts after the column arc
     * (ipAddrTable, ipRouteTable: the address; ipNetToMediaTable: ifIndex, address; atTable: ifIndex, 1, address;
     * tcpConnTable: local address, port, remote address, port; udpTable: address, port). */
    static final Map<String, int[]> IP_INDEXED = Map.of("1.3.6.1.2.1.4.20.1.", new int[] {0}, "1.3.6.1.2.1.4.21.1.", new int[] {0},
            "1.3.6.1.2.1.4.22.1.", new int[] {1}, "1.3.6.1.2.1.3.1.1.", new int[] {2}, "1.3.6.1.2.1.6.13.1.", new int[] {0, 5},
            "1.3.6.1.2.1.7.5.1.", new int[] {0});

    /** IP-MIB and its kin, indexed by InetAddressType and InetAddress (ipv4(1), length 4, a.b.c.d): ipAddressPrefixTable,
     * ipAddressTable, ipNetToPhysicalTable, ipDefaultRouterTable, inetCidrRouteTable, tcpConnectionTable,
     * tcpListenerTable, udpEndpointTable. */
    static final List<String> INET_INDEXED = List.of("1.3.6.1.2.1.4.32.1.", "1.3.6.1.2.1.4.34.1.", "1.3.6.1.2.1.4.35.1.",
            "1.3.6.1.2.1.4.37.1.", "1.3.6.1.2.1.4.24.7.1.", "1.3.6.1.2.1.6.19.1.", "1.3.6.1.2.1.6.20.1.", "1.3.6.1.2.1.7.7.1.");

    private RecordWalk() {}

    /** The walk of everything under {@code root} as snmprec lines, redacted. */
    public static List<String> walk(SnmpClient client, SnmpTarget target, String root, boolean bulk) throws Exception {
        TableWalker.Result w = TableWalker.walk(client, target, List.of(root), bulk, 25).get(30, TimeUnit.MINUTES);
        if (!w.ok()) throw new IOException("the walk stopped: " + w.outcome() + " " + w.detail());
        Map<String, SnmpValue> all = new java.util.LinkedHashMap<>();
        for (var e : w.columns().get(root).entrySet()) all.put(root + "." + e.getKey(), e.getValue());
        Redactor r = new Redactor(all);
        List<String> lines = new java.util.ArrayList<>();
        all.forEach((oid, v) -> {
            String line = r.line(oid, v);
            if (line != null) lines.add(line);
        });
        return lines;
    }

    /**
     * Redacts varbinds into snmprec lines. The device's IPv4 addresses are learnt first, from IpAddress values and from
     * the indexes that carry them (the old IP tables' four arcs, and InetAddress ipv4(1).4.a.b.c.d in IP-MIB and its
     * kin), then every occurrence is mapped one to one onto 192.0.2.0/24: in OIDs, OID values, text and 4-byte strings.
     */
    static final class Redactor {
        private final Map<String, String> addresses = new java.util.LinkedHashMap<>();

        Redactor(Map<String, SnmpValue> walk) {
            walk.forEach((oid, v) -> {
                if (v.syntax() == SnmpValue.Syntax.IP_ADDRESS) learn(v.text());
                for (String t : INET_INDEXED) {
                    if (!oid.startsWith(t)) continue;
                    String[] arcs = oid.substring(t.length()).split("\\.");
                    for (int i = 1; i < arcs.length; i++) {
                        int v4 = v4At(arcs, i);
                        if (v4 >= 0) learn(String.join(".", arcs[v4], arcs[v4 + 1], arcs[v4 + 2], arcs[v4 + 3]));
                    }
                }
                IP_INDEXED.forEach((t, starts) -> {
                    if (!oid.startsWith(t)) return;
                    String[] arcs = oid.substring(t.length()).split("\\.");
                    for (int start : starts) {
                        int i = start + 1; // after the column
                        if (i + 4 <= arcs.length && isAddress(arcs, i)) learn(String.join(".", arcs[i], arcs[i + 1], arcs[i + 2], arcs[i + 3]));
                    }
                });
            });
        }

        private void learn(String a) {
            if (!a.matches("\\d{1,3}(\\.\\d{1,3}){3}") || a.equals("0.0.0.0") || a.startsWith("255.")) return;
            addresses.computeIfAbsent(a, k -> "192.0.2." + Math.min(254, addresses.size() + 1));
        }

        private static final Pattern DOTTED = Pattern.compile("(?<![\\d.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\d]|\\.\\d)");

        /** Every known address in a text replaced by its stand-in, in one pass (a stand-in is never replaced again). */
        String dotted(String s) {
            Matcher m = DOTTED.matcher(s);
            StringBuilder b = new StringBuilder();
            while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement(addresses.getOrDefault(m.group(), m.group())));
            return m.appendTail(b).toString();
        }

        /** The addresses in an IP table's index, at the places the table puts them, replaced by their stand-ins. */
        String oid(String oid) {
            for (var t : IP_INDEXED.entrySet()) {
                if (!oid.startsWith(t.getKey())) continue;
                String[] arcs = oid.substring(t.getKey().length()).split("\\.");
                for (int start : t.getValue()) replace(arcs, start + 1);
                return t.getKey() + String.join(".", arcs);
            }
            for (String t : INET_INDEXED) {
                if (!oid.startsWith(t)) continue;
                String[] arcs = oid.substring(t.length()).split("\\.");
                for (int i = 1; i + 1 < arcs.length; i++) {
                    int v4 = v4At(arcs, i);
                    if (v4 >= 0) {
                        replace(arcs, v4);
                        i = v4 + 3;
                    } else if (arcs[i].equals("2") && arcs[i + 1].equals("16") && i + 18 <= arcs.length) {
                        // any other IPv6 address: one stand-in per address in 2001:db8::/32 (documentation)
                        String key = String.join(".", java.util.Arrays.copyOfRange(arcs, i + 2, i + 18));
                        int n = v6.computeIfAbsent(key, k -> v6.size() + 1);
                        String[] doc = {"32", "1", "13", "184", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", Integer.toString(n >> 8 & 255), Integer.toString(n & 255)};
                        System.arraycopy(doc, 0, arcs, i + 2, 16);
                        i += 17;
                    }
                }
                return t + String.join(".", arcs);
            }
            return oid;
        }

        private final Map<String, Integer> v6 = new java.util.HashMap<>();
        private final Map<String, Integer> macs = new java.util.HashMap<>();

        /** A hardware address: one locally administered stand-in per address (02:00:00:00:hi:lo), empty stays empty. */
        private String mac(SnmpValue v) {
            if (v.text().isEmpty()) return "";
            int n = macs.computeIfAbsent(v.text(), k -> macs.size() + 1);
            return String.format(Locale.ROOT, "02000000%02x%02x", n >> 8 & 255, n & 255);
        }

        /** Where an IPv4 address starts in an InetAddress index at arc {@code i}: ipv4(1).4.a.b.c.d, or an IPv4-mapped
         * ipv6(2).16.0…0.255.255.a.b.c.d; -1 when there is none. */
        static int v4At(String[] arcs, int i) {
            if (i + 6 <= arcs.length && arcs[i].equals("1") && arcs[i + 1].equals("4") && isAddress(arcs, i + 2)) return i + 2;
            if (i + 18 <= arcs.length && arcs[i].equals("2") && arcs[i + 1].equals("16")) {
                for (int k = i + 2; k < i + 12; k++) if (!arcs[k].equals("0")) return -1;
                if (arcs[i + 12].equals("255") && arcs[i + 13].equals("255") && isAddress(arcs, i + 14)) return i + 14;
            }
            return -1;
        }

        private void replace(String[] arcs, int i) {
            if (i + 4 > arcs.length || !isAddress(arcs, i)) return;
            String to = addresses.get(String.join(".", arcs[i], arcs[i + 1], arcs[i + 2], arcs[i + 3]));
            if (to == null) return;
            String[] p = to.split("\\.");
            System.arraycopy(p, 0, arcs, i, 4);
        }

        String line(String oid, SnmpValue v) {
            oid = oid(oid);
            return switch (v.syntax()) {
                case INTEGER -> oid + "|2|" + v.number();
                case OCTET_STRING -> {
                    if (oid.equals(SYS_CONTACT) || oid.equals(SYS_NAME) || oid.equals(SYS_LOCATION) || oid.startsWith(HR_SW_RUN_PARAMETERS)) yield oid + "|4|redacted";
                    if (PHYS_ADDRESS.stream().anyMatch(oid::startsWith)) yield oid + "|4x|" + mac(v);
                    if (v.binary()) yield oid + "|4x|" + binary(v.text().replace(":", ""));
                    if (v.text().contains("\n") || v.text().contains("\r")) {
                        yield oid + "|4x|" + java.util.HexFormat.of().formatHex(dotted(v.text()).getBytes(StandardCharsets.UTF_8));
                    }
                    yield oid + "|4|" + dotted(v.text());
                }
                case OBJECT_ID -> oid + "|6|" + oid(v.text());
                case IP_ADDRESS -> oid + "|64|" + addresses.getOrDefault(v.text(), v.text());
                case COUNTER32 -> oid + "|65|" + v.text();
                case GAUGE32 -> oid + "|66|" + v.text();
                case TIMETICKS -> oid + "|67|" + v.text();
                case COUNTER64 -> oid + "|70|" + v.text();
                case NULL -> oid + "|5|";
                default -> null; // opaque and exceptions: not part of a replayable walk
            };
        }

        /** A 4-byte string holding a known address (InetAddress) gets its stand-in's bytes. */
        private String binary(String hex) {
            if (hex.length() != 8) return hex;
            byte[] b = java.util.HexFormat.of().parseHex(hex);
            String a = (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
            String to = addresses.get(a);
            if (to == null) return hex;
            String[] p = to.split("\\.");
            return String.format(Locale.ROOT, "%02x%02x%02x%02x", Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
        }

        private static boolean isAddress(String[] arcs, int i) {
            for (int k = i; k < i + 4; k++) {
                if (!arcs[k].matches("\\d{1,3}") || Integer.parseInt(arcs[k]) > 255) return false;
            }
            return true;
        }
    }

    /** {@code RecordWalk host:port out.snmprec [credential] [config dir]}; without a credential, v2c community public. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: make record-walk AGENT=host:port OUT=file.snmprec [CRED=name] (CRED from config/credentials.yaml)");
            System.exit(2);
        }
        AgentAddress agent = AgentAddress.parse(args[0]);
        Path out = Path.of(args[1]);
        Credential credential;
        if (args.length > 2 && !args[2].isBlank()) {
            Path config = Path.of(args.length > 3 ? args[3] : "config");
            Map<String, Credential> all = new ConfigLoader(System::getenv).credentials(config.resolve("credentials.yaml"));
            credential = all.get(args[2]);
            if (credential == null) {
                System.err.println("no credential '" + args[2] + "' in " + config.resolve("credentials.yaml") + " (known: " + String.join(", ", all.keySet()) + ")");
                System.exit(2);
            }
        } else {
            credential = new Credential.Community("public", Credential.SnmpVersion.V2C, new Secret("public"));
        }
        boolean bulk = !(credential instanceof Credential.Community c && c.version() == Credential.SnmpVersion.V1);
        long start = System.nanoTime();
        List<String> lines;
        try (Snmp4jClient client = new Snmp4jClient(List.of(credential), 16, 1 << 20)) {
            lines = walk(client, new SnmpTarget(agent, credential, Duration.ofSeconds(3), 2), "1.3.6.1", bulk);
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "# walk of %s by EmComm VSAT record-walk (%s, %s), %s; sysContact/sysName/sysLocation, addresses redacted%n",
                agent, credential instanceof Credential.Community c ? c.version().name().toLowerCase(Locale.ROOT) : "v3", bulk ? "GETBULK" : "GETNEXT",
                java.time.Instant.now()));
        for (String l : lines) text.append(l).append('\n');
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%d objects from %s in %.1f s → %s%n", lines.size(), agent, (System.nanoTime() - start) / 1e9, out);
    }
}
