package org.emcomm.vsat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.PollEngine;
import org.emcomm.vsat.polling.Sample;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.testing.MutableClock;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scenarios on a simulated clock, read back through the real poller. */
class ScenarioTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-07-01T00:00:00Z"));
    static TestNetwork net;
    static Snmp4jClient client;

    @BeforeAll
    static void start() throws Exception {
        net = TestNetwork.start(120, NetworkGenerator.Mix.DEMO, "127.86", CLOCK);
        client = new Snmp4jClient(net.inventory.credentials().values(), 64, 1 << 20);
    }

    @AfterAll
    static void stop() {
        client.close();
        net.close();
    }

    @AfterEach
    void clearSky() {
        net.network.clear();
    }

    Map<String, Sample> poll(List<Terminal> terminals) throws Exception {
        Map<String, Sample> out = new ConcurrentHashMap<>();
        new PollEngine(net.inventory, client, Clock.systemUTC(), s -> out.put(s.terminalId(), s), Duration.ofMillis(400))
                .poll(terminals).get(30, TimeUnit.SECONDS);
        return out;
    }

    Terminal firstWith(String profile) {
        return net.inventory.terminals().stream().filter(t -> t.profile().equals(profile)).findFirst().orElseThrow();
    }

    @Test
    void garbageValuesAreRecordedAsInvalidNotThrown() throws Exception {
        Terminal t = firstWith("comtech-cdm570");
        net.network.start(ScenarioType.GARBAGE_VALUES, t.id(), Duration.ofMinutes(5), 0);
        Sample s = poll(List.of(t)).get(t.id());
        assertThat(s.status()).isEqualTo(Sample.PollStatus.ANSWERED);
        assertThat(s.metrics().values()).anyMatch(v -> v instanceof MetricValue.Invalid);
        assertThat(s.metrics().values()).filteredOn(v -> v instanceof MetricValue.Invalid)
                .allMatch(v -> !((MetricValue.Invalid) v).reason().isBlank());
    }

    @Test
    void beamOutageTakesLockFromEveryTerminalInTheBeam() throws Exception {
        net.network.start(ScenarioType.BEAM_OUTAGE, "beam-north", Duration.ofMinutes(5), 0);
        List<Terminal> inBeam = net.inventory.terminals().stream().filter(t -> t.beam().equals("beam-north")).toList();
        Map<String, Sample> samples = poll(inBeam);
        for (Terminal t : inBeam) {
            Sample s = samples.get(t.id());
            assertThat(s.status()).as(t.id()).isEqualTo(Sample.PollStatus.ANSWERED); // agents answer; the radio is out
            switch (t.profile()) {
                case "idirect-nms" -> assertThat(s.metrics().get("remoteState")).isEqualTo(new MetricValue.Label("offline", 4, "4"));
                case "comtech-cdm570" -> assertThat(s.metrics().get("ebNo")).isInstanceOf(MetricValue.Sentinel.class);
                case "generic-mib2" -> assertThat(((MetricValue.Label) s.metrics().get("ifOperStatus")).label()).isEqualTo("lowerLayerDown");
                default -> { }
            }
        }
    }

    @Test
    void flappingAlternatesWithTheClock() throws Exception {
        Terminal t = firstWith("comtech-cdm570");
        net.network.start(ScenarioType.FLAPPING, t.id(), Duration.ofHours(1), 0);
        CLOCK.set(Instant.parse("2026-07-01T00:10:00Z")); // epoch second / 5 even: down phase
        assertThat(poll(List.of(t)).get(t.id()).status()).isEqualTo(Sample.PollStatus.TIMEOUT);
        CLOCK.advance(Duration.ofSeconds(SimNetwork.FLAP_PERIOD_SECONDS));
        assertThat(poll(List.of(t)).get(t.id()).status()).isEqualTo(Sample.PollStatus.ANSWERED);
        CLOCK.advance(Duration.ofSeconds(SimNetwork.FLAP_PERIOD_SECONDS));
        assertThat(poll(List.of(t)).get(t.id()).status()).isEqualTo(Sample.PollStatus.TIMEOUT);
    }

    @Test
    void scenariosEndByThemselves() throws Exception {
        Terminal t = firstWith("comtech-cdm570");
        net.network.start(ScenarioType.TERMINAL_DOWN, t.id(), Duration.ofSeconds(30), 0);
        assertThat(poll(List.of(t)).get(t.id()).status()).isEqualTo(Sample.PollStatus.TIMEOUT);
        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(poll(List.of(t)).get(t.id()).status()).isEqualTo(Sample.PollStatus.ANSWERED);
        assertThat(net.network.active()).isEmpty();
    }
}
