package org.emcomm.vsat.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** net-snmp's snmpd as a test peer: its own config and persistent dir, a free loopback port. */
public final class NetSnmpAgent implements AutoCloseable {
    public static final String COMMUNITY = "emcomm-test";
    public static final String USER = "emcommv3";
    public static final String AUTH = "auth-pass-v3";
    public static final String PRIV = "priv-pass-v3";

    public final int port;
    private final Process process;
    private final Path dir;

    private NetSnmpAgent(int port, Process process, Path dir) {
        this.port = port;
        this.process = process;
        this.dir = dir;
    }

    public static NetSnmpAgent start() throws Exception {
        return start(TestNetwork.freeUdpPort(), null);
    }

    /** An agent on {@code port}; {@code engineId} (a string) fixes its SNMPv3 engine ID. */
    public static NetSnmpAgent start(int port, String engineId) throws Exception {
        return start(port, engineId, java.util.List.of());
    }

    /** As {@link #start(int, String)}, with more snmpd.conf lines ({@code override OID TYPE VALUE} makes it answer a vendor OID). */
    public static NetSnmpAgent start(int port, String engineId, java.util.List<String> more) throws Exception {
        Path dir = Files.createTempDirectory("emcomm-snmpd");
        Path conf = dir.resolve("snmpd.conf");
        Files.writeString(conf, String.join("\n",
                "agentaddress udp:127.0.0.1:" + port,
                "rocommunity " + COMMUNITY + " 127.0.0.1",
                "createUser " + USER + " SHA " + AUTH + " AES " + PRIV,
                "rouser " + USER + " priv",
                "[snmp] serverRecvBuf 4194304",
                "[snmp] serverSendBuf 4194304",
                engineId == null ? "" : "engineID " + engineId, String.join("\n", more), ""));
        String snmpd = Files.exists(Path.of("/usr/sbin/snmpd")) ? "/usr/sbin/snmpd" : "snmpd";
        ProcessBuilder pb = new ProcessBuilder(snmpd, "-f", "-Lf", dir.resolve("snmpd.log").toString(), "-C", "-c", conf.toString(),
                "-p", dir.resolve("snmpd.pid").toString());
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        pb.environment().put("MIBS", "");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.out").toFile());
        Process p = pb.start();
        NetSnmpAgent agent = new NetSnmpAgent(port, p, dir);
        agent.awaitAnswer(Duration.ofSeconds(20));
        return agent;
    }

    private void awaitAnswer(Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) throw new IllegalStateException("snmpd exited: " + log());
            Process get = new ProcessBuilder("snmpget", "-m", "", "-v2c", "-c", COMMUNITY, "-t", "0.3", "-r", "0",
                    "127.0.0.1:" + port, "1.3.6.1.2.1.1.3.0").redirectErrorStream(true).start();
            if (get.waitFor(5, TimeUnit.SECONDS) && get.exitValue() == 0) return;
            Thread.sleep(100); // waiting for an external process to open its socket, not for our own scheduler
        }
        throw new IllegalStateException("snmpd did not answer on 127.0.0.1:" + port + ": " + log());
    }

    private String log() throws IOException {
        Path out = dir.resolve("snmpd.out");
        Path log = dir.resolve("snmpd.log");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
