package org.emcomm.vsat.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.snmp.SnmpClient;
import org.emcomm.vsat.snmp.SnmpResponse;
import org.emcomm.vsat.snmp.SnmpTarget;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which tries a poll gets after a missed or a late answer. A scripted client answers each request with the outcome and
 * latency the test sets, and records the target it was asked with; no network.
 */
class ConfirmingPollTest {
    static final Duration TIMEOUT = Duration.ofMillis(400);

    /** Answers every request with {@link #outcome} after a reported {@link #latencyMicros}, and keeps the targets. */
    static final class ScriptedClient implements SnmpClient {
        final List<SnmpTarget> asked = new ArrayList<>();
        SnmpResponse.Outcome outcome = SnmpResponse.Outcome.OK;
        long latencyMicros = 1_000;

        @Override
        public synchronized CompletableFuture<SnmpResponse> get(SnmpTarget target, List<String> oids) {
            asked.add(target);
            return CompletableFuture.completedFuture(new SnmpResponse(outcome, List.of(), outcome == SnmpResponse.Outcome.OK ? null : "scripted",
                    latencyMicros));
        }

        @Override
        public CompletableFuture<SnmpResponse> next(SnmpTarget target, List<String> oids, boolean bulk, int maxRepetitions) {
            return get(target, oids);
        }

        @Override
        public Stats stats() { return new Stats(0, 0, 0, 0, 0, 0, 0); }

        @Override
        public void close() { }

        synchronized SnmpTarget last() { return asked.get(asked.size() - 1); }
    }

    ScriptedClient client;
    PollEngine engine;
    Terminal terminal;
    int profileRetries;

    @BeforeEach
    void setUp() throws Exception {
        Path dir = Files.createTempDirectory("emcomm-confirm");
        NetworkGenerator.write(dir, 2, NetworkGenerator.Mix.AGENTS_ONLY, "127.84", 16161);
        Inventory inventory = new ConfigLoader(name -> null).load(dir, TestNetwork.projectProfiles());
        terminal = inventory.terminals().stream().filter(t -> !t.viaHub()).findFirst().orElseThrow();
        profileRetries = inventory.profile(terminal.profile()).snmp().retries();
        client = new ScriptedClient();
        engine = new PollEngine(inventory, client, Clock.systemUTC(), s -> { }, TIMEOUT).confirmRetries(5);
    }

    SnmpTarget pollOnce() throws Exception {
        engine.poll(List.of(terminal)).get(5, TimeUnit.SECONDS);
        return client.last();
    }

    @Test
    void aPromptAnswerUsesTheProfilesTries() throws Exception {
        SnmpTarget t = pollOnce();
        assertThat(t.retries()).isEqualTo(profileRetries);
        assertThat(t.timeout()).isEqualTo(TIMEOUT);
        assertThat(pollOnce()).isEqualTo(t);
        assertThat(engine.inDoubt(terminal.id())).isFalse();
    }

    @Test
    void aMissIsConfirmedWithMoreTriesOfTheSameLength() throws Exception {
        client.outcome = SnmpResponse.Outcome.TIMEOUT;
        pollOnce();
        assertThat(engine.inDoubt(terminal.id())).isTrue();
        client.outcome = SnmpResponse.Outcome.OK;
        SnmpTarget confirming = pollOnce();
        assertThat(confirming.retries()).isEqualTo(5);
        assertThat(confirming.timeout()).isEqualTo(TIMEOUT);
        // Answered promptly: the doubt is gone and the next poll is an ordinary one.
        assertThat(engine.inDoubt(terminal.id())).isFalse();
        assertThat(pollOnce().retries()).isEqualTo(profileRetries);
    }

    @Test
    void aLateAnswerKeepsTheDoubtAndLengthensTheTries() throws Exception {
        // Answered 600 ms after sending, with tries of 400 ms: it came on a retry, so the next ordinary poll could miss.
        client.latencyMicros = 600_000;
        pollOnce();
        assertThat(engine.inDoubt(terminal.id())).isTrue();
        SnmpTarget next = pollOnce();
        assertThat(next.retries()).isEqualTo(5);
        assertThat(next.timeout()).isEqualTo(Duration.ofMillis(1_200)); // twice the last answer's time
        // Far later answers are waited for at most 4 × the configured timeout per try.
        client.latencyMicros = 5_000_000;
        pollOnce();
        assertThat(pollOnce().timeout()).isEqualTo(Duration.ofMillis(1_600));
        // Prompt again: back to the profile's tries.
        client.latencyMicros = 1_000;
        pollOnce();
        assertThat(engine.inDoubt(terminal.id())).isFalse();
        SnmpTarget ordinary = pollOnce();
        assertThat(ordinary.retries()).isEqualTo(profileRetries);
        assertThat(ordinary.timeout()).isEqualTo(TIMEOUT);
    }
}
