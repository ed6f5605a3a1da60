package org.emcomm.vsat.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.simulator.ScenarioType;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The poller against the simulator over real UDP: every shape of profile, v2c and v3. */
class SimulatedNetworkPollTest {
    static TestNetwork net;
    static Snmp4jClient client;

    @BeforeAll
    static void start() throws Exception {
        net = TestNetwork.start(120, NetworkGenerator.Mix.DEMO, "127.81", Clock.systemUTC());
        client = new Snmp4jClient(net.inventory.credentials().values(), 64, 1 << 20);
    }

    @AfterAll
    static void stop() {
        client.close();
        net.close();
    }

    @Test
    void everyTerminalAnswersAndIsUpUnderClearSky() throws Exception {
        Map<String, Sample> samples = new ConcurrentHashMap<>();
        PollEngine engine = new PollEngine(net.inventory, client, Clock.systemUTC(), s -> samples.put(s.terminalId(), s));
        CycleReport report = engine.poll(List.copyOf(net.inventory.terminals())).get(30, TimeUnit.SECONDS);

        assertThat(report.terminals()).isEqualTo(120);
        assertThat(report.byStatus()).containsOnlyKeys(Sample.PollStatus.ANSWERED);
        Sample comtech = samples.values().stream()
                .filter(s -> net.inventory.terminal(s.terminalId()).profile().equals("comtech-cdm570")).findFirst().orElseThrow();
        assertThat(comtech.metrics().get("ebNo")).isInstanceOf(MetricValue.Reading.class);
        assertThat(((MetricValue.Reading) comtech.metrics().get("ebNo")).value()).isBetween(8.0, 15.0);
        Sample idirect = samples.values().stream()
                .filter(s -> net.inventory.terminal(s.terminalId()).profile().equals("idirect-nms")).findFirst().orElseThrow();
        assertThat(idirect.metrics().get("remoteState")).isEqualTo(new MetricValue.Label("green", 0, "0"));
        assertThat(client.stats().pending()).isZero();
    }

    /** Values are matched to metrics by position when the agent echoes the OIDs in order (the fast path), and by
     * OID when it does not: an agent answering in reverse order decodes to the very same values. */
    @Test
    void anAgentAnsweringOutOfOrderDecodesTheSameValues() throws Exception {
        org.emcomm.vsat.snmp.SnmpClient reversing = new org.emcomm.vsat.snmp.SnmpClient() {
            @Override
            public java.util.concurrent.CompletableFuture<org.emcomm.vsat.snmp.SnmpResponse> get(org.emcomm.vsat.snmp.SnmpTarget t, List<String> oids) {
                return client.get(t, oids).thenApply(r -> {
                    if (!r.ok()) return r;
                    List<org.emcomm.vsat.snmp.Varbind> reversed = new java.util.ArrayList<>(r.varbinds());
                    java.util.Collections.reverse(reversed);
                    return new org.emcomm.vsat.snmp.SnmpResponse(r.outcome(), reversed, r.detail(), r.latencyMicros());
                });
            }

            @Override
            public java.util.concurrent.CompletableFuture<org.emcomm.vsat.snmp.SnmpResponse> next(org.emcomm.vsat.snmp.SnmpTarget t, List<String> oids,
                                                                                                   boolean bulk, int maxRepetitions) {
                return client.next(t, oids, bulk, maxRepetitions);
            }

            @Override
            public Stats stats() { return client.stats(); }

            @Override
            public void close() { }
        };
        List<org.emcomm.vsat.inventory.Topology.Terminal> own = net.inventory.terminals().stream()
                .filter(t -> !t.viaHub() && t.profile().equals("comtech-cdm570")).limit(5).toList();
        assertThat(own).isNotEmpty();
        Map<String, Sample> inOrder = new ConcurrentHashMap<>(), reversed = new ConcurrentHashMap<>();
        new PollEngine(net.inventory, client, Clock.systemUTC(), s -> inOrder.put(s.terminalId(), s)).poll(own).get(30, TimeUnit.SECONDS);
        new PollEngine(net.inventory, reversing, Clock.systemUTC(), s -> reversed.put(s.terminalId(), s)).poll(own).get(30, TimeUnit.SECONDS);
        for (var t : own) {
            Map<String, MetricValue> a = inOrder.get(t.id()).metrics(), b = reversed.get(t.id()).metrics();
            assertThat(b).containsOnlyKeys(a.keySet());
            // Labels and the fixed readings are equal; noisy readings (Es/No, levels) differ between polls but stay readings.
            assertThat(b.get("rxAlarm")).isEqualTo(a.get("rxAlarm")).isInstanceOf(MetricValue.Label.class);
            for (String m : a.keySet()) assertThat(b.get(m)).as(m).hasSameClassAs(a.get(m));
            assertThat(((MetricValue.Reading) b.get("ebNo")).value()).isBetween(8.0, 15.0);
            assertThat(((MetricValue.Reading) b.get("rxLevel")).value()).isBetween(-60.0, -30.0);
        }
    }

    @Test
    void scenariosShowUpInStates() throws Exception {
        Clock clock = Clock.systemUTC();
        NetworkHealth health = new NetworkHealth(net.inventory, clock);
        PollEngine engine = new PollEngine(net.inventory, client, clock, health, Duration.ofMillis(500));
        net.network.start(ScenarioType.RAIN_FADE, "sc", Duration.ofMinutes(5), 0);
        net.network.start(ScenarioType.HUB_OUTAGE, "hub-gz", Duration.ofMinutes(5), 0);
        try {
            for (int i = 0; i < 3; i++) engine.poll(List.copyOf(net.inventory.terminals())).get(60, TimeUnit.SECONDS);
        } finally {
            net.network.clear();
        }
        var statuses = health.all();
        // Newtec remotes sit behind hub-gz, whose agent is silent: we cannot see them.
        assertThat(statuses).filteredOn(s -> s.terminal().viaHub() && s.terminal().hub().equals("hub-gz"))
                .isNotEmpty().allMatch(s -> s.state() == TerminalState.UNKNOWN && s.reason().contains("hub-gz"));
        // Terminals with their own agent in hub-gz's beam lost lock but answer: DOWN.
        assertThat(statuses).filteredOn(s -> !s.terminal().viaHub() && s.terminal().hub().equals("hub-gz")
                        && s.terminal().profile().equals("comtech-cdm570"))
                .isNotEmpty().allMatch(s -> s.state() == TerminalState.DOWN);
        // iDirect remotes in Sichuan are in the rain: degraded, not down.
        assertThat(statuses).filteredOn(s -> s.terminal().hub().equals("hub-bj") && s.terminal().viaHub()
                        && net.inventory.within(s.terminal().region(), "sc"))
                .isNotEmpty().allMatch(s -> s.state() == TerminalState.DEGRADED);
    }
}
