package org.emcomm.vsat.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.inventory.AgentAddress;
import org.emcomm.vsat.inventory.Credential;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.Test;

/** 100,000 asynchronous requests, half to agents that never answer: none left pending. */
class PendingRequestsTest {
    @Test
    void everyRequestIsAnsweredOrTimedOutAndNoneStaysPending() throws Exception {
        try (TestNetwork net = TestNetwork.start(50, NetworkGenerator.Mix.AGENTS_ONLY, "127.84", Clock.systemUTC());
             Snmp4jClient client = new Snmp4jClient(net.inventory.credentials().values(), 2000, 8 << 20)) {
            List<SnmpTarget> live = new ArrayList<>();
            for (Terminal t : net.inventory.terminals()) {
                live.add(new SnmpTarget(t.agent(), net.inventory.credential(t.credential()), Duration.ofMillis(500), 0));
            }
            Credential community = net.inventory.credential("modem-v2c");
            List<SnmpTarget> dead = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                // Nothing listens there: the request can only time out.
                dead.add(new SnmpTarget(new AgentAddress("127.85.0." + (i + 1), net.port), community, Duration.ofMillis(50), 0));
            }
            int total = 100_000;
            List<CompletableFuture<SnmpResponse>> futures = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                SnmpTarget target = i % 2 == 0 ? live.get(i % live.size()) : dead.get(i % dead.size());
                futures.add(client.get(target, List.of("1.3.6.1.2.1.1.3.0")));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

            long ok = futures.stream().filter(f -> f.join().ok()).count();
            long timedOut = futures.stream().filter(f -> f.join().outcome() == SnmpResponse.Outcome.TIMEOUT).count();
            assertThat(ok + timedOut).isEqualTo(total);
            assertThat(timedOut).isGreaterThanOrEqualTo(total / 2);
            SnmpClient.Stats stats = client.stats();
            assertThat(stats.pending()).isZero();
            assertThat(stats.inFlight()).isZero();
            assertThat(stats.queued()).isZero();
            assertThat(stats.sent()).isEqualTo(total);
        }
    }
}
