package org.emcomm.vsat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.PollEngine;
import org.emcomm.vsat.polling.Sample;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's links: a geostationary round trip with its jitter on the terminals' agents, the ground network's on
 * the hubs', loss each way, and a fade on one beam, as the real poller meets them.
 */
class LinkModelTest {
    static TestNetwork net;
    static Snmp4jClient client;

    @BeforeAll
    static void start() throws Exception {
        net = TestNetwork.start(120, NetworkGenerator.Mix.DEMO, "127.84", Clock.systemUTC());
        client = new Snmp4jClient(net.inventory.credentials().values(), 256, 1 << 20);
    }

    @AfterAll
    static void stop() {
        client.close();
        net.close();
    }

    @Test
    void presetsAndWrittenOutLinks() {
        assertThat(Link.parse("geo")).isEqualTo(new Link("geo", 600, 30, 0));
        assertThat(Link.parse("geo-double-hop").rttMs()).isEqualTo(1_200);
        assertThat(Link.parse("terrestrial").rttMs()).isEqualTo(20);
        assertThat(Link.parse("geo,loss=0.02")).isEqualTo(new Link("geo+", 600, 30, 0.02));
        assertThat(Link.parse("rtt=550,jitter=20,loss=0.01")).isEqualTo(new Link("custom", 550, 20, 0.01));
        assertThat(Link.parse(null)).isEqualTo(Link.NONE);
        assertThatThrownBy(() -> Link.parse("leo")).hasMessageContaining("'leo' is not one of none, terrestrial, geo, geo-double-hop");
        assertThatThrownBy(() -> Link.parse("geo,loss=0.95")).hasMessageContaining("loss must be 0..0.9");
        assertThatThrownBy(() -> Link.parse("geo,latency=600")).hasMessageContaining("'latency' is not one of rtt, jitter, loss");
        assertThatThrownBy(() -> Link.parse("rtt=fast")).hasMessageContaining("rtt needs a number");
    }

    @Test
    void behindAGeostationaryHopEveryAnswerTakesTheRoundTripAndAHubOnTheGroundDoesNot() throws Exception {
        net.network.links(Link.parse("geo"), Link.parse("terrestrial"));
        try {
            Map<String, Sample> samples = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            new PollEngine(net.inventory, client, Clock.systemUTC(), s -> samples.put(s.terminalId(), s), Duration.ofSeconds(3))
                    .poll(List.copyOf(net.inventory.terminals())).get(30, TimeUnit.SECONDS);
            long cycleMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(samples).hasSize(net.inventory.terminals().size());
            for (Sample s : samples.values()) {
                Terminal t = net.inventory.terminal(s.terminalId());
                assertThat(s.status()).as(s.terminalId() + " " + s.detail()).isEqualTo(Sample.PollStatus.ANSWERED);
                if (!t.viaHub()) {
                    // one GET: the round trip 600 ± 30 ms, never less
                    assertThat(s.latencyMicros()).as(t.id()).isGreaterThanOrEqualTo(570_000);
                }
            }
            assertThat(cycleMs).as("a cycle cannot beat the round trip").isGreaterThanOrEqualTo(570);
            long hubRead = samples.values().stream().filter(s -> net.inventory.terminal(s.terminalId()).viaHub())
                    .mapToLong(Sample::latencyMicros).max().orElseThrow();
            assertThat(hubRead).as("the hubs' tables over the ground network").isLessThan(570_000);
        } finally {
            net.network.links(Link.NONE, Link.NONE);
        }
    }

    @Test
    void aLossyLinkLosesItsShareEachWayAndAFadeWorsensOneBeamOnly() {
        Link lossy = Link.parse("geo,loss=0.02");
        int lost = 0, draws = 200_000;
        for (int i = 0; i < draws; i++) if (net.network.loses(lossy)) lost++;
        assertThat(lost / (double) draws).isBetween(0.017, 0.023);

        net.network.links(Link.parse("geo"), Link.parse("terrestrial"));
        try {
            Terminal inBeam = net.inventory.terminals().stream().filter(t -> !t.viaHub()).findFirst().orElseThrow();
            Terminal other = net.inventory.terminals().stream().filter(t -> !t.viaHub() && !t.beam().equals(inBeam.beam())).findFirst().orElseThrow();
            SimAgent a = agent(inBeam.id()), b = agent(other.id()), hub = net.network.agents().stream().filter(x -> x.kind == SimAgent.Kind.HUB).findFirst().orElseThrow();
            net.network.start(ScenarioType.LINK_FADE, inBeam.beam(), Duration.ofMinutes(5), 0.2);
            java.time.Instant now = java.time.Instant.now();
            assertThat(net.network.linkOf(a, now).loss()).isCloseTo(SimNetwork.LINK_FADE_LOSS, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(net.network.linkOf(a, now).rttMs()).isEqualTo(800);
            assertThat(net.network.linkOf(b, now)).isEqualTo(Link.parse("geo"));
            assertThat(net.network.linkOf(hub, now)).isEqualTo(Link.parse("terrestrial"));
        } finally {
            net.network.clear();
            net.network.links(Link.NONE, Link.NONE);
        }
    }

    static SimAgent agent(String id) {
        return net.network.agents().stream().filter(x -> x.id.equals(id)).findFirst().orElseThrow();
    }
}
