package org.emcomm.vsat.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.emcomm.vsat.health.Observation;
import org.emcomm.vsat.health.StateEvaluator;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.recording.ProfileCheck;
import org.emcomm.vsat.simulator.Recording;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.Test;
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

    static ProfileCheck.Result check(String profile, String recording) throws Exception {
        return ProfileCheck.run(TestNetwork.projectProfiles(), profile, Recording.load(RECORDINGS.resolve(recording)));
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
                                                       Map<String, Double> readings) throws Exception {
        ProfileCheck.Row row = check(profile, recording).rows().get(0);
        Sample s = row.sample();
        assertThat(s.status()).as(s.detail()).isEqualTo(Sample.PollStatus.ANSWERED);
        Observation o = row.observation();
        assertThat(o.state()).as(o.reason()).isEqualTo(state);
        assertThat(o.reason()).isEqualTo(reason);
        readings.forEach((metric, value) -> assertThat(s.metrics().get(metric)).as(metric)
                .isInstanceOfSatisfying(MetricValue.Reading.class, r -> assertThat(r.value()).isCloseTo(value, org.assertj.core.data.Offset.offset(1e-9))));
    }

    @Test
    void theMib2ProfileFindsTheSatellitePortByItsName() throws Exception {
        // ifIndex 1 is the LAN port on both: sat0 is ifIndex 2 on this router, Demodulator-1 ifIndex 3 on the UHP walk
        // (whose Demodulator-2, unused and down, comes first)
        assertThat(check("generic-mib2", "mib2-eth-first.snmprec").satelliteInterface()).isEqualTo(2);
        assertThat(check("generic-mib2", "uhp-operation.snmprec").satelliteInterface()).isEqualTo(3);
    }

    @Test
    void theIdirectNmsAnswersForThreeHundredRemotesWithTextSentinelsAndAcm() throws Exception {
        ProfileCheck.Result r = check("idirect-nms", "idirect-nms-300.snmprec");
        assertThat(r.rows()).hasSize(300);
        for (ProfileCheck.Row row : r.rows()) assertThat(row.sample().status()).as(row.row() + " " + row.sample().detail()).isEqualTo(Sample.PollStatus.ANSWERED);
        // the fixture's header: 18 offline, 6 yellow, 13 on a MODCOD under clear sky, 263 green
        assertThat(r.byState()).containsEntry(TerminalState.DOWN, 18).containsEntry(TerminalState.DEGRADED, 19).containsEntry(TerminalState.UP, 263);
        ProfileCheck.Row offline = r.row("20009"); // 17 × 1177
        assertThat(offline.observation().reason()).isEqualTo("remote offline at the hub (offline)");
        assertThat(offline.sample().metrics().get("latency")).isEqualTo(new MetricValue.Sentinel("no answer to the NMS ping", "Request timed out"));
        assertThat(r.row("20010").observation().reason()).isEqualTo("ACM below the clear-sky MODCOD (9, clearSkyModcod 13)"); // 23 × 870
        assertThat(r.row("20050").observation().reason()).isEqualTo("remote in warning at the hub (yellow)");
        Map<String, MetricValue> green = r.row("20001").sample().metrics();
        assertThat(green.get("temperature")).isInstanceOfSatisfying(MetricValue.Reading.class, x -> assertThat(x.value()).isEqualTo(31 + 20001 % 12));
        assertThat(green.get("latency")).isInstanceOfSatisfying(MetricValue.Reading.class, x -> assertThat(x.value()).isEqualTo(598 + 20001 % 40));
    }

    @Test
    void theDialogTableIsReadByItsStringIndexes() throws Exception {
        ProfileCheck.Result r = check("newtec-dialog", "dialog-string-index.snmprec");
        assertThat(r.rows()).extracting(ProfileCheck.Row::row).containsExactly("1001", "1002", "A-17", "1004");
        ProfileCheck.Row up = r.row("1001");
        assertThat(up.observation().state()).isEqualTo(TerminalState.UP);
        assertThat(((MetricValue.Reading) up.sample().metrics().get("esNo")).value()).isCloseTo(11.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((MetricValue.Reading) up.sample().metrics().get("rxLevel")).value()).isCloseTo(-42.0, org.assertj.core.data.Offset.offset(1e-9));
        ProfileCheck.Row na = r.row("1002");
        assertThat(na.sample().metrics().get("esNo")).isEqualTo(new MetricValue.Sentinel("no value", "NA"));
        assertThat(na.observation().reason()).isEqualTo("modem state not reported (no value)");
        Observation odd = r.row("A-17").observation();
        assertThat(odd.state()).isEqualTo(TerminalState.DOWN);
        assertThat(odd.reason()).isEqualTo("modem not logged on (invalid: 3)");
        // a row the hub answers without a state (noSuchInstance) is read as not logged on: the hub says it has none
        assertThat(r.row("1004").observation().reason()).isEqualTo("modem not logged on (invalid: noSuchInstance)");
    }

    @Test
    void profileCheckPrintsEachMetricRawAndDecodedWithItsObjectAndTheState() throws Exception {
        String report = ProfileCheck.report(check("comtech-cdm570", "cdm570-unlocked.snmprec"));
        assertThat(report).contains("cdm570RxEbNo", "999", "sentinel: demodulator unlocked", "cdm570RxAlarms", "demodulatorUnlocked (1)",
                "state DOWN: demodulator unlocked (demodulatorUnlocked)");
        String table = ProfileCheck.report(check("idirect-nms", "idirect-nms-300.snmprec"));
        assertThat(table).contains("300 rows: {UP=263, DEGRADED=19, DOWN=18}", "row 20009        DOWN     remote offline at the hub (offline)");
    }

    @Test
    void anNmsThatSaysTheHubIsOutOfServiceIsReadWithItsRemotes() throws Exception {
        ProfileCheck.Result r = check("idirect-nms", "idirect-hub-chassis-offline.snmprec");
        assertThat(r.hub().rows()).isEqualTo(2);
        assertThat(r.hub().fault()).as("a red processor is an alarm, an offline chassis an outage").isEqualTo("row 2: hub chassis offline (offline)");
        assertThat(r.row("30001").observation().state()).isEqualTo(TerminalState.DOWN);
        assertThat(r.row("30003").observation().state()).isEqualTo(TerminalState.UP);
        assertThat(ProfileCheck.report(r)).contains("hub: OUT OF SERVICE, row 2: hub chassis offline (offline)");
        ProfileCheck.Result none = check("idirect-nms", "idirect-nms-300.snmprec");
        assertThat(none.hub()).as("no hub columns recorded: nothing said of the hub").isEqualTo(new ProfileCheck.HubSide(0, null));
        assertThat(ProfileCheck.report(none)).contains("hub: its own columns hold no row");
    }

    /**
     * Part of a hub's read lost on the way (here: the request holding the first rows' state, Es/No and Rx level) leaves
     * those values out of the samples: no value, not an invalid one, so no remote reads as "not logged on" because a
     * datagram was lost (a lossy link once opened a false HUB_OUTAGE this way).
     */
    @Test
    void aLostPartOfAHubsReadLeavesValuesOutAndTakesNoRemoteDown(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        int port = TestNetwork.freeUdpPort();
        java.nio.file.Files.writeString(dir.resolve("credentials.yaml"), "credentials:\n  c: {version: v2c, community: lossy}\n");
        StringBuilder inv = new StringBuilder("satellites: [{id: sat}]\nbeams: [{id: b, satellite: sat}]\nregions: [{id: p, level: province}]\n"
                + "hubs: [{id: h, region: p, agent: \"127.0.0.1:" + port + "\", profile: newtec-dialog, credential: c}]\nterminals:\n");
        for (int i = 1; i <= 12; i++) inv.append("  - {id: R").append(i).append(", region: p, hub: h, beam: b, lat: 30, lon: 104, row: \"").append(2000 + i).append("\"}\n");
        java.nio.file.Files.writeString(dir.resolve("inventory.yaml"), inv);
        org.emcomm.vsat.inventory.Inventory inventory = new org.emcomm.vsat.inventory.ConfigLoader(k -> null).load(dir, TestNetwork.projectProfiles());
        org.emcomm.vsat.simulator.SimNetwork network = new org.emcomm.vsat.simulator.SimNetwork(inventory, java.time.Clock.systemUTC(), 7); // the shipped Dialog fixture
        Map<String, Sample> samples = new java.util.concurrent.ConcurrentHashMap<>();
        try (org.emcomm.vsat.simulator.SimAgentServer server = new org.emcomm.vsat.simulator.SimAgentServer(network, 1);
             org.emcomm.vsat.snmp.Snmp4jClient real = new org.emcomm.vsat.snmp.Snmp4jClient(inventory.credentials().values(), 64, 1 << 20)) {
            server.start();
            String firstState = inventory.profile("newtec-dialog").metric("state").oid() + "." + inventory.profile("newtec-dialog").rowSuffix("2001");
            java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
            org.emcomm.vsat.snmp.SnmpClient lossy = new org.emcomm.vsat.snmp.SnmpClient() {
                @Override
                public java.util.concurrent.CompletableFuture<org.emcomm.vsat.snmp.SnmpResponse> get(org.emcomm.vsat.snmp.SnmpTarget t, java.util.List<String> oids) {
                    if (oids.contains(firstState)) { // this request's answer never comes
                        lost.incrementAndGet();
                        return java.util.concurrent.CompletableFuture.completedFuture(
                                new org.emcomm.vsat.snmp.SnmpResponse(org.emcomm.vsat.snmp.SnmpResponse.Outcome.TIMEOUT, java.util.List.of(), "lost", 0));
                    }
                    return real.get(t, oids);
                }

                @Override
                public java.util.concurrent.CompletableFuture<org.emcomm.vsat.snmp.SnmpResponse> next(org.emcomm.vsat.snmp.SnmpTarget t, java.util.List<String> oids,
                                                                                                       boolean bulk, int maxRepetitions) {
                    return real.next(t, oids, bulk, maxRepetitions);
                }

                @Override
                public Stats stats() { return real.stats(); }

                @Override
                public void close() { }
            };
            new PollEngine(inventory, lossy, java.time.Clock.systemUTC(), x -> samples.put(x.terminalId(), x)).poll(java.util.List.copyOf(inventory.terminals()))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(lost.get()).as("one part of the read was lost").isEqualTo(1);
        }
        var p = inventory.profile("newtec-dialog");
        Sample first = samples.get("R1");
        assertThat(first.metrics()).as("R1's values were in the lost part").doesNotContainKey("state");
        for (Sample x : samples.values()) {
            Observation o = StateEvaluator.evaluate(p, x);
            if (x.status() == Sample.PollStatus.ANSWERED) {
                // an answered row never reads as down for what was lost (that would be a lost link, at once)
                assertThat(o.state()).as(x.terminalId() + " " + o.reason() + " " + x.metrics().keySet()).isNotEqualTo(TerminalState.DOWN);
            } else {
                // a row wholly in the lost part counts as a missed poll (down only after downAfterMissedPolls in a row)
                assertThat(o.missed()).as(x.terminalId() + " " + x.status()).isTrue();
            }
        }
        assertThat(StateEvaluator.evaluate(p, samples.get("R12")).state()).as("a row whose part came back").isEqualTo(TerminalState.UP);
    }
}
