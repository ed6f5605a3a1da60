package org.emcomm.vsat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.security.PasswordHash;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.testing.TestNetwork;

/**
 * The benchmark's network: N terminals, each with its own simulated agent on {@code 127.92.x.y:port}, all of
 * profile {@code bench-comtech-if} (the Comtech modem's six objects plus four of its interface's IF-MIB
 * objects: ten OIDs, answered in one GET). The simulator runs as its own process ({@code SimulatorMain}), so
 * the service, the bare snmp4j client and the C and Go peers all ask the very same agents.
 */
final class BenchNetwork implements AutoCloseable {
    static final String PROFILE = "bench-comtech-if";
    static final String COMMUNITY = "public";
    /** The ten OIDs every request asks for, in the profile's order. */
    /** The CDM-570's own objects (oids.md) and its IF-MIB interface 1, ten OIDs read in one GET by the service and its peers. */
    static final List<String> OIDS = List.of(
            "1.3.6.1.2.1.1.3.0", "1.3.6.1.4.1.6247.24.1.3.2.1.0", "1.3.6.1.4.1.6247.24.1.3.2.4.0", "1.3.6.1.4.1.6247.24.1.3.2.5.0",
            "1.3.6.1.4.1.6247.24.1.2.2.10.0", "1.3.6.1.4.1.6247.24.1.3.1.3.0", "1.3.6.1.2.1.2.2.1.8.1", "1.3.6.1.2.1.31.1.1.1.6.1",
            "1.3.6.1.2.1.31.1.1.1.10.1", "1.3.6.1.2.1.1.5.0");
    static final String USER = "bench";
    static final String PASSWORD = "bench-password-1";

    final Path config;
    final Path profiles;
    final int port;
    final List<String> agents;
    private final Process simulator;

    private BenchNetwork(Path config, Path profiles, int port, List<String> agents, Process simulator) {
        this.config = config;
        this.profiles = profiles;
        this.port = port;
        this.agents = agents;
        this.simulator = simulator;
    }

    /** Writes the network into {@code dir} and starts the simulator with {@code threads} event loops. */
    static BenchNetwork start(Path dir, int terminals, int threads) throws Exception {
        return start(dir, terminals, threads, "none");
    }

    /** As {@link #start(Path, int, int)}, the terminals' agents behind {@code link} (simulator.Link: geo, geo,loss=0.02 …). */
    static BenchNetwork start(Path dir, int terminals, int threads, String link) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        int port = TestNetwork.freeUdpPort();
        NetworkGenerator.write(config, terminals, new NetworkGenerator.Mix(0, 0, 1.0), "127.92", port);
        Path inventory = config.resolve("inventory.yaml");
        String yaml = Files.readString(inventory).replace("profile: comtech-cdm570", "profile: " + PROFILE);
        Files.writeString(inventory, yaml);
        Files.writeString(config.resolve("users.yaml"),
                "users:\n  " + USER + ": {password: \"" + PasswordHash.hash(PASSWORD) + "\", roles: [operator, coordinator]}\n");
        try (var shipped = Files.list(Path.of("config/profiles"))) {
            for (Path p : shipped.toList()) Files.copy(p, profiles.resolve(p.getFileName()));
        }
        Files.writeString(profiles.resolve(PROFILE + ".yaml"), profileYaml());
        // the agents answer from the demo's CDM-570 fixture plus the modem's IF-MIB interface 1, not from the profile
        Path recordings = Files.createDirectories(dir.resolve("recordings"));
        String fixture;
        try (var in = BenchNetwork.class.getResourceAsStream("/fixtures/comtech-cdm570.snmprec")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(recordings.resolve(PROFILE + ".snmprec"), fixture + String.join("\n",
                "1.3.6.1.2.1.2.2.1.2.1|4|Satellite modem data port", "1.3.6.1.2.1.2.2.1.8.1|2:sim|v=1;unlocked=7",
                "1.3.6.1.2.1.31.1.1.1.6.1|70:sim|rate=30000", "1.3.6.1.2.1.31.1.1.1.10.1|70:sim|rate=9000", ""));
        List<String> agents = new ArrayList<>();
        Matcher m = Pattern.compile("agent: \"([0-9.]+:[0-9]+)\"").matcher(yaml);
        while (m.find()) agents.add(m.group(1));
        agents.removeIf(a -> a.startsWith("127.92.0.")); // the two hubs: no terminal of this mix stands behind them
        List<String> cmd = List.of(java(), "-Xmx768m", "-XX:+UseParallelGC", "-Demcomm.simulator.link.terminals=" + link, "-cp", System.getProperty("java.class.path"),
                "org.emcomm.vsat.simulator.SimulatorMain", config.toString(), profiles.toString(), Integer.toString(threads), recordings.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("simulator:")) break;
        }
        if (line == null) throw new IllegalStateException("the simulator did not start:\n" + seen);
        Thread drain = new Thread(() -> { try { while (out.readLine() != null) { } } catch (IOException ignored) { } }, "sim-out");
        drain.setDaemon(true);
        drain.start();
        return new BenchNetwork(config, profiles, port, agents, p);
    }

    long simulatorPid() { return simulator.pid(); }

    static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    private static String profileYaml() {
        return """
                # The benchmark's profile: a Comtech CDM-570's own objects plus its IF-MIB interface 1, ten OIDs
                # read in one GET.
                name: bench-comtech-if
                vendor: Comtech EF Data
                description: CDM-class modem with IF-MIB interface 1 (benchmark)
                shape: scalar
                snmp:
                  bulk: false
                  varbindsPerPdu: 10
                  timeoutMs: 3000
                  retries: 1
                metrics:
                  - {name: sysUpTime, oid: 1.3.6.1.2.1.1.3.0, type: timeticks, scale: 0.01, unit: s}
                  - {name: ber, oid: 1.3.6.1.4.1.6247.24.1.3.2.1.0, type: integer, scale: 1.0e-9}
                  - {name: rxLevel, oid: 1.3.6.1.4.1.6247.24.1.3.2.4.0, type: integer, unit: dBm}
                  - {name: ebNo, oid: 1.3.6.1.4.1.6247.24.1.3.2.5.0, type: integer, scale: 0.1, unit: dB, sentinels: {"999": demodulator unlocked}}
                  - {name: txPower, oid: 1.3.6.1.4.1.6247.24.1.2.2.10.0, type: integer, scale: 0.1, unit: dBm}
                  - {name: rxAlarm, oid: 1.3.6.1.4.1.6247.24.1.3.1.3.0, type: enum, values: {0: rxTrafficOK, 1: demodulatorUnlocked, 13: ebNoAlarm}}
                  - {name: ifOperStatus, oid: 1.3.6.1.2.1.2.2.1.8.1, type: enum, values: {1: up, 2: down, 7: lowerLayerDown}}
                  - {name: ifHCInOctets, oid: 1.3.6.1.2.1.31.1.1.1.6.1, type: counter64, unit: B}
                  - {name: ifHCOutOctets, oid: 1.3.6.1.2.1.31.1.1.1.10.1, type: counter64, unit: B}
                  - {name: sysName, oid: 1.3.6.1.2.1.1.5.0, type: text}
                state:
                  downAfterMissedPolls: 3
                  enterAfter: 2
                  down:
                    - {metric: rxAlarm, op: eq, value: demodulatorUnlocked, reason: demodulator unlocked}
                    - {metric: ebNo, op: sentinel, reason: demodulator unlocked}
                  degraded:
                    - {metric: ebNo, op: lt, value: 5.0, reason: Eb/No margin low}
                signals: {esNo: ebNo, rxLevel: rxLevel, uptime: sysUpTime}
                """;
    }

    @Override
    public void close() throws InterruptedException {
        simulator.destroy();
        if (!simulator.waitFor(10, TimeUnit.SECONDS)) simulator.destroyForcibly();
    }
}
