package org.emcomm.vsat.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.simulator.ScenarioType;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.Test;

/** A dead agent and a slow one must not hold back a thousand healthy ones. */
class SlowAndDeadAgentsTest {
    static final Duration TIMEOUT = Duration.ofSeconds(2);   // per try; profiles retry once

    @Test
    void deadAndSlowAgentsDoNotDelayTheOthers() throws Exception {
        try (TestNetwork net = TestNetwork.start(1002, NetworkGenerator.Mix.AGENTS_ONLY, "127.83", Clock.systemUTC());
             Snmp4jClient client = new Snmp4jClient(net.inventory.credentials().values(), 256, 4 << 20)) {
            List<Terminal> all = List.copyOf(net.inventory.terminals());
            Terminal dead = all.get(0);
            Terminal slow = all.get(1);
            List<Terminal> healthy = all.subList(2, all.size());
            Map<String, Sample> samples = new ConcurrentHashMap<>();
            PollEngine engine = new PollEngine(net.inventory, client, Clock.systemUTC(), s -> samples.put(s.terminalId(), s), TIMEOUT);

            engine.poll(healthy).get(60, TimeUnit.SECONDS); // warm-up: JIT, ARP-free loopback paths
            CycleReport healthyCycle = engine.poll(healthy).get(60, TimeUnit.SECONDS);
            assertThat(healthyCycle.byStatus()).containsOnlyKeys(Sample.PollStatus.ANSWERED);

            net.network.start(ScenarioType.TERMINAL_DOWN, dead.id(), Duration.ofMinutes(5), 0);
            net.network.start(ScenarioType.SLOW_AGENT, slow.id(), Duration.ofMinutes(5), 3.0);
            samples.clear();
            CycleReport mixed = engine.poll(all).get(60, TimeUnit.SECONDS);

            assertThat(samples.get(dead.id()).status()).isEqualTo(Sample.PollStatus.TIMEOUT);
            // 3 s late: the first try times out at 2 s, the answer to it still arrives on the retry.
            assertThat(samples.get(slow.id()).status()).isEqualTo(Sample.PollStatus.ANSWERED);
            assertThat(samples.get(slow.id()).latencyMicros()).isGreaterThanOrEqualTo(2_900_000);
            Instant slowest = samples.get(slow.id()).at();
            List<String> late = new ArrayList<>();
            for (Terminal t : healthy) {
                Sample s = samples.get(t.id());
                assertThat(s.status()).isEqualTo(Sample.PollStatus.ANSWERED);
                if (!s.at().isBefore(slowest)) late.add(t.id());
            }
            assertThat(late).as("healthy terminals answered after the slow agent").isEmpty();
            // The whole cycle ends when the dead agent has used up its tries: one timeout
            // (timeout × tries) after the healthy cycle, not one per dead or slow agent.
            long deadWait = TIMEOUT.toMillis() * 2;
            assertThat(mixed.durationMillis()).isLessThanOrEqualTo(healthyCycle.durationMillis() + deadWait + 1000);
            assertThat(client.stats().pending()).isZero();
        }
    }
}
