package org.emcomm.vsat.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.emcomm.vsat.health.Observation;
import org.emcomm.vsat.health.StateEvaluator;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.simulator.Recording;
import org.emcomm.vsat.simulator.SimAgentServer;
import org.emcomm.vsat.simulator.SimNetwork;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped profiles read recordings of devices, not answers made from those profiles: each fixture in
 * src/test/resources/recordings (written from the facts in ../shared/docs/oids.md) is served over UDP by the simulator,
 * polled with the shipped profile, and must give the state and reason a NOC operator would expect of that device.
 */
class DeviceFixturesTest {
    static final Path RECORDINGS = Path.of("src/test/resources/recordings");

    record Polled(Inventory inventory, Map<String, Sample> samples) {
        Sample get(String id) { return samples.get(id); }

        Observation observe(String id) { return StateEvaluator.evaluate(inventory.profile(inventory.terminal(id).profile()), samples.get(id)); }
    }

    /** One terminal with its own agent (rows null), or the remotes of one hub agent, at 127.0.0.1:port answering from the recording. */
    static Polled poll(Path dir, String profile, String recording, List<String> rows) throws Exception {
        Files.createDirectories(dir);
        int port = TestNetwork.freeUdpPort();
        Files.writeString(dir.resolve("credentials.yaml"), "credentials:\n  c: {version: v2c, community: fixture}\n");
        StringBuilder inv = new StringBuilder("""
                satellites: [{id: sat}]
                beams: [{id: b, satellite: sat}]
                regions: [{id: p, level: province}]
                """);
        if (rows == null) {
            inv.append("hubs: [{id: h, region: p}]\nterminals:\n");
            inv.append("  - {id: T, region: p, hub: h, beam: b, lat: 30, lon: 104, profile: ").append(profile)
                    .append(", credential: c, agent: \"127.0.0.1:").append(port).append("\"}\n");
        } else {
            inv.append("hubs: [{id: h, region: p, agent: \"127.0.0.1:").append(port).append("\", profile: ").append(profile).append(", credential: c}]\nterminals:\n");
            for (String r : rows) inv.append("  - {id: \"R-").append(r).append("\", region: p, hub: h, beam: b, lat: 30, lon: 104, row: \"").append(r).append("\"}\n");
        }
        Files.writeString(dir.resolve("inventory.yaml"), inv.toString());
        Inventory inventory = new ConfigLoader(k -> null).load(dir, TestNetwork.projectProfiles());
        Recording rec = Recording.load(RECORDINGS.resolve(recording));
        SimNetwork network = new SimNetwork(inventory, Clock.systemUTC(), 7, Map.of(rows == null ? "T" : "h", rec));
        assertThat(network.fromProfile()).isEmpty();
        Map<String, Sample> samples = new ConcurrentHashMap<>();
        try (SimAgentServer server = new SimAgentServer(network, 1);
             Snmp4jClient client = new Snmp4jClient(inventory.credentials().values(), 256, 1 << 20)) {
            server.start();
            new PollEngine(inventory, client, Clock.systemUTC(), s -> samples.put(s.terminalId(), s))
                    .poll(List.copyOf(inventory.terminals())).get(30, TimeUnit.SECONDS);
        }
        return new Polled(inventory, samples);
    }

    static Stream<Arguments> devices() {
        return Stream.of(
                Arguments.of("comtech-cdm570", "cdm570-healthy.snmprec", TerminalState.UP, "all metrics within limits", Map.of("ebNo", 12.3, "rxLevel", -42.0, "txPower", -8.0, "ber", 0.0)),
                Arguments.of("comtech-cdm570", "cdm570-unlocked.snmprec", TerminalState.DOWN, "demodulator unlocked (demodulatorUnlocked)", Map.of()),
                Arguments.of("comtech-cdm570", "cdm570-ber-high.snmprec", TerminalState.DEGRADED, "BER high (2.0e-06)", Map.of("ebNo", 6.1)),
                Arguments.of("uhp", "uhp-operation.snmprec", TerminalState.UP, "all metrics within limits", Map.of("snr", 13.5, "rxLevel", -11.9, "txLevel", -25.9)),
                Arguments.of("uhp", "uhp-norx.snmprec", TerminalState.DOWN, "not in operation (noRX)", Map.of()),
                Arguments.of("generic-mib2", "mib2-eth-first.snmprec", TerminalState.DOWN, "satellite interface not operational (lowerLayerDown)", Map.of("ifInOctets", 120.0)),
                Arguments.of("generic-mib2", "mib2-lan-down.snmprec", TerminalState.UP, "all metrics within limits", Map.of()),
                Arguments.of("generic-mib2", "uhp-operation.snmprec", TerminalState.UP, "all metrics within limits", Map.of("ifInOctets", 61234567.0)),
                Arguments.of("newtec-mdm", "mdm-healthy.snmprec", TerminalState.UP, "all metrics within limits", Map.of("esNo", 12.15, "rxLevel", -38.2, "linkMargin", 5.0)),
                Arguments.of("newtec-mdm", "mdm-buc-fault.snmprec", TerminalState.DEGRADED, "BUC hardware fault (on)", Map.of()));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("devices")
    void aRecordedDeviceGivesTheStateAnOperatorExpects(String profile, String recording, TerminalState state, String reason,
                                                       Map<String, Double> readings, @TempDir Path dir) throws Exception {
        Polled polled = poll(dir, profile, recording, null);
        Sample s = polled.get("T");
        assertThat(s.status()).as(s.detail()).isEqualTo(Sample.PollStatus.ANSWERED);
        Observation o = polled.observe("T");
        assertThat(o.state()).as(o.reason()).isEqualTo(state);
        assertThat(o.reason()).isEqualTo(reason);
        readings.forEach((metric, value) -> assertThat(s.metrics().get(metric)).as(metric)
                .isInstanceOfSatisfying(MetricValue.Reading.class, r -> assertThat(r.value()).isCloseTo(value, org.assertj.core.data.Offset.offset(1e-9))));
    }

    @Test
    void theMib2ProfileFindsTheSatellitePortByItsName(@TempDir Path dir) throws Exception {
        // ifIndex 1 is the LAN port on both: sat0 is ifIndex 2 on this router, Demodulator-1 ifIndex 3 on the UHP walk
        assertThat(poll(dir.resolve("router"), "generic-mib2", "mib2-eth-first.snmprec", null).inventory().satelliteInterfaces().of("T")).isEqualTo(2);
        assertThat(poll(dir.resolve("uhp"), "generic-mib2", "uhp-operation.snmprec", null).inventory().satelliteInterfaces().of("T")).isEqualTo(3);
    }

    @Test
    void theIdirectNmsAnswersForThreeHundredRemotesWithTextSentinelsAndAcm(@TempDir Path dir) throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        for (int d = 20001; d <= 20300; d++) rows.add(Integer.toString(d));
        Polled polled = poll(dir, "idirect-nms", "idirect-nms-300.snmprec", rows);
        Map<String, Sample> samples = polled.samples();
        Inventory inventory = polled.inventory();
        Map<TerminalState, Integer> byState = new HashMap<>();
        for (Sample s : samples.values()) {
            assertThat(s.status()).as(s.terminalId() + " " + s.detail()).isEqualTo(Sample.PollStatus.ANSWERED);
            byState.merge(StateEvaluator.evaluate(inventory.profile("idirect-nms"), s).state(), 1, Integer::sum);
        }
        // the fixture's header: 18 offline, 6 yellow, 13 on a MODCOD under clear sky, 263 green
        assertThat(byState).containsEntry(TerminalState.DOWN, 18).containsEntry(TerminalState.DEGRADED, 19).containsEntry(TerminalState.UP, 263);
        Sample offline = samples.get("R-20009"); // 17 × 1177
        assertThat(StateEvaluator.evaluate(inventory.profile("idirect-nms"), offline).reason()).isEqualTo("remote offline at the hub (offline)");
        assertThat(offline.metrics().get("latency")).isEqualTo(new MetricValue.Sentinel("no answer to the NMS ping", "Request timed out"));
        Sample acm = samples.get("R-20010"); // 23 × 870
        assertThat(StateEvaluator.evaluate(inventory.profile("idirect-nms"), acm).reason()).isEqualTo("ACM below the clear-sky MODCOD (9, clearSkyModcod 13)");
        Sample green = samples.get("R-20001");
        assertThat(green.metrics().get("temperature")).isInstanceOfSatisfying(MetricValue.Reading.class, r -> assertThat(r.value()).isEqualTo(31 + 20001 % 12));
        assertThat(green.metrics().get("latency")).isInstanceOfSatisfying(MetricValue.Reading.class, r -> assertThat(r.value()).isEqualTo(598 + 20001 % 40));
    }

    @Test
    void theDialogTableIsReadByItsStringIndexes(@TempDir Path dir) throws Exception {
        Polled polled = poll(dir, "newtec-dialog", "dialog-string-index.snmprec", List.of("1001", "1002", "A-17"));
        Map<String, Sample> samples = polled.samples();
        var p = polled.inventory().profile("newtec-dialog");
        Sample up = samples.get("R-1001");
        assertThat(StateEvaluator.evaluate(p, up).state()).isEqualTo(TerminalState.UP);
        assertThat(((MetricValue.Reading) up.metrics().get("esNo")).value()).isCloseTo(11.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((MetricValue.Reading) up.metrics().get("rxLevel")).value()).isCloseTo(-42.0, org.assertj.core.data.Offset.offset(1e-9));
        Sample na = samples.get("R-1002");
        assertThat(na.metrics().get("esNo")).isEqualTo(new MetricValue.Sentinel("no value", "NA"));
        assertThat(StateEvaluator.evaluate(p, na).reason()).isEqualTo("modem state not reported (no value)");
        Observation odd = StateEvaluator.evaluate(p, samples.get("R-A-17"));
        assertThat(odd.state()).isEqualTo(TerminalState.DOWN);
        assertThat(odd.reason()).isEqualTo("modem not logged on (invalid: 3)");
    }
}
