package org.emcomm.vsat.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.testing.NetSnmpAgent;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generic MIB-II/IF-MIB profile against net-snmp's snmpd, an agent nobody here wrote. */
class NetSnmpAgentPollTest {
    static NetSnmpAgent snmpd;

    @BeforeAll
    static void start() throws Exception {
        snmpd = NetSnmpAgent.start();
    }

    @AfterAll
    static void stop() {
        snmpd.close();
    }

    static Inventory inventory(Path dir, String credential) throws Exception {
        Files.writeString(dir.resolve("credentials.yaml"), String.format("""
                credentials:
                  v2c: {version: v2c, community: %s}
                  wrong-v2c: {version: v2c, community: not-the-community}
                  v3-sha-aes: {version: v3, user: %s, auth: sha, authPassword: %s, priv: aes128, privPassword: %s}
                  unknown-v3: {version: v3, user: not-a-user, auth: sha, authPassword: wrong-password, priv: aes128, privPassword: %s}
                """, NetSnmpAgent.COMMUNITY, NetSnmpAgent.USER, NetSnmpAgent.AUTH, NetSnmpAgent.PRIV, NetSnmpAgent.PRIV));
        Files.writeString(dir.resolve("inventory.yaml"), String.format("""
                satellites: [{id: sat}]
                beams: [{id: b, satellite: sat}]
                regions: [{id: p, level: province}]
                hubs: [{id: h, region: p}]
                terminals:
                  - {id: NETSNMP, region: p, hub: h, beam: b, lat: 30, lon: 104, profile: generic-mib2, credential: %s, agent: "127.0.0.1:%d"}
                """, credential, snmpd.port));
        // the shipped generic-mib2 looks for a satellite port by ifDescr; on this host's agent the interface we read is lo
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        try (var files = Files.list(TestNetwork.projectProfiles())) {
            for (Path f : files.toList()) Files.copy(f, profiles.resolve(f.getFileName()));
        }
        Path generic = profiles.resolve("generic-mib2.yaml");
        String yaml = Files.readString(generic);
        String shipped = "descr: [\"(?i)^demodulator-1$\", \"(?i)demod|sat|modem|wan|dvb|rf\"]";
        assertThat(yaml).contains(shipped);
        Files.writeString(generic, yaml.replace(shipped, "descr: \"^lo$\""));
        return new ConfigLoader(k -> null).load(dir, profiles);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"v2c, ANSWERED, UP", "v3-sha-aes, ANSWERED, UP", "unknown-v3, AUTH_FAILURE, UNKNOWN", "wrong-v2c, TIMEOUT, UNKNOWN"})
    void pollsNetSnmp(String credential, Sample.PollStatus status, TerminalState state, @TempDir Path dir) throws Exception {
        Inventory inv = inventory(dir, credential);
        NetworkHealth health = new NetworkHealth(inv, Clock.systemUTC());
        Map<String, Sample> samples = new java.util.concurrent.ConcurrentHashMap<>();
        try (Snmp4jClient client = new Snmp4jClient(inv.credentials().values(), 16, 1 << 20)) {
            PollEngine engine = new PollEngine(inv, client, Clock.systemUTC(), health, java.time.Duration.ofMillis(1000));
            engine.poll(List.copyOf(inv.terminals()), s -> samples.put(s.terminalId(), s)).get(20, TimeUnit.SECONDS);
            assertThat(client.stats().pending()).isZero();
        }
        Sample s = samples.get("NETSNMP");
        assertThat(s.status()).as(s.detail()).isEqualTo(status);
        assertThat(health.status("NETSNMP").state()).isEqualTo(state);
        if (status == Sample.PollStatus.ANSWERED) {
            assertThat(s.metrics().get("sysUpTime")).isInstanceOf(MetricValue.Reading.class);
            assertThat(((MetricValue.Reading) s.metrics().get("sysUpTime")).value()).isGreaterThanOrEqualTo(0);
            assertThat(s.metrics().get("ifOperStatus")).isEqualTo(new MetricValue.Label("up", 1, "1")); // lo, found by its ifDescr
            assertThat(s.metrics().get("ifHCInOctets")).isInstanceOf(MetricValue.Reading.class);
        }
    }
}
