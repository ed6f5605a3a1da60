package org.emcomm.vsat.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.emcomm.vsat.health.Observation;
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
        assertThat(r.rows()).extracting(ProfileCheck.Row::row).containsExactly("1001", "1002", "A-17");
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
}
