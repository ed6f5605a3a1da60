package org.emcomm.vsat.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.PollEngine;
import org.emcomm.vsat.polling.PollScheduler;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.simulator.ScenarioType;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.testing.MutableClock;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parent first at national scale: 10,000 simulated terminals answering over real UDP (two hubs answering for 7,000
 * remotes from their tables, 3,000 modems with their own agents), the real scheduler and poller at the production
 * interval of 60 s, the terminals' state machines and the incident engine, with signals handled in arrival order on
 * one thread as the service does, on a simulated clock moved 3 s a step. A beam outage of 3,000 terminals, a hub outage
 * of 6,000 and a rain fade over a province each open one incident and send one notification, within one poll interval
 * of the outage, and no terminal ever opens an incident of its own.
 */
class NationalScaleCorrelationTest {
    static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    static final Duration STEP = Duration.ofSeconds(3), INTERVAL = Duration.ofSeconds(60);
    static MutableClock clock;
    static TestNetwork net;
    static Snmp4jClient client;

    record Event(String type, String id, Instant at, ObjectNode payload) {}

    @BeforeAll
    static void network() throws Exception {
        clock = new MutableClock(T0);
        net = TestNetwork.start(10_000, NetworkGenerator.Mix.DEMO, "127.94", clock);
        client = new Snmp4jClient(net.inventory.credentials().values(), 4096, 8 << 20);
    }

    @AfterAll
    static void close() {
        if (client != null) client.close();
        if (net != null) net.close();
    }

    @AfterEach
    void clearSky() { net.network.clear(); }

    /** One service's pipeline: scheduler, poller, state machines, incident engine; the engine's events go to a book. */
    static final class Pipeline {
        final Inventory inv = net.inventory;
        final NetworkHealth health = new NetworkHealth(inv, clock);
        final ConcurrentLinkedQueue<PollSignal> signals = new ConcurrentLinkedQueue<>();
        final PollScheduler scheduler;
        final IncidentBook book = new IncidentBook();
        final List<Event> events = new ArrayList<>();
        final IncidentEngine engine;

        Pipeline() throws Exception {
            health.onSample((t, s, observed, state, transition) -> signals.add(PollSignal.of(t, inv.profile(t.profile()), s, observed, state, transition)));
            PollEngine poller = new PollEngine(inv, client, clock, health, Duration.ofMillis(150)).confirmRetries(5);
            scheduler = new PollScheduler(poller, clock, INTERVAL, 0.1, Duration.ofSeconds(10));
            engine = new IncidentEngine(inv, IncidentRules.DEFAULT, MajorRule.DEFAULT, (t, at) -> false, book, (type, id, actor, p, at) -> {
                events.add(new Event(type, id, at, p));
                book.apply(events.size(), type, id, actor, at, p);
            });
            scheduler.tick().get(2, TimeUnit.MINUTES); // the first full cycle, as at start
            settle();
            run(Duration.ofMinutes(2)); // then steady state, each terminal at its own place in the interval
            assertThat(events).as("a clear sky opens nothing").isEmpty();
        }

        void settle() {
            for (PollSignal s; (s = signals.poll()) != null; ) engine.poll(s);
            engine.tick(clock.instant());
        }

        void run(Duration d) throws Exception {
            for (long n = d.dividedBy(STEP); n > 0; n--) {
                clock.advance(STEP);
                scheduler.tick().get(2, TimeUnit.MINUTES);
                settle();
            }
        }

        List<Event> of(String type) { return events.stream().filter(e -> e.type().equals(type)).toList(); }

        /** Events webhooks would send while the outage lasts (its resolution aside). */
        List<Event> notified() {
            return events.stream().filter(e -> IncidentNotifications.NOTIFIED.contains(e.type()) && !e.type().equals(IncidentBook.RESOLVED)).toList();
        }
    }

    void checkOneParent(Pipeline p, Instant outage, Condition condition, String scope, long expectedChildren) throws Exception {
        p.run(Duration.ofMinutes(5)); // past the hold, the state machines' hysteresis and the correlation wait
        List<Event> opened = p.of(IncidentBook.OPENED);
        assertThat(opened).as("incidents opened: %s", opened.stream().map(e -> e.payload().path("title").asText()).limit(10).toList()).hasSize(1);
        Incident parent = p.book.get(opened.get(0).id());
        System.out.printf("%s over %s: opened %d s after the outage with %d children; %d attach batches; %d events in all%n", condition, scope,
                Duration.between(outage, parent.openedAt()).toSeconds(), parent.timeline().get(0).details().path("terminals").size(),
                p.of(IncidentBook.ATTACHED).size(), p.events.size());
        assertThat(parent.condition()).isEqualTo(condition);
        assertThat(parent.scope().id()).isEqualTo(scope);
        assertThat(Duration.between(outage, parent.openedAt())).as("opened within one poll interval of the outage").isLessThanOrEqualTo(INTERVAL);
        assertThat(p.notified()).as("notifications").hasSize(1);
        assertThat(parent.activeChildren()).isEqualTo(expectedChildren);
        List<Event> batches = p.of(IncidentBook.ATTACHED);
        assertThat(batches.size()).as("attachments come in batches, at most one per tick").isLessThanOrEqualTo((int) Duration.ofMinutes(5).dividedBy(STEP));
        assertThat(batches).allSatisfy(e -> assertThat(e.payload().path("terminals").size()).isPositive());
        // the sky clears: every child recovers and the parent resolves by itself; nothing new opens
        net.network.clear();
        p.run(Duration.ofMinutes(4));
        assertThat(p.book.get(parent.id()).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(p.of(IncidentBook.OPENED)).hasSize(1);
    }

    @Test
    void aBeamOutageOfThreeThousandTerminalsIsOneIncidentAndOneNotification() throws Exception {
        Pipeline p = new Pipeline();
        long inBeam = p.inv.terminals().stream().filter(t -> t.beam().equals("beam-west")).count();
        assertThat(inBeam).isEqualTo(3_000);
        p.run(Duration.ofSeconds(21)); // the outage falls anywhere in the cycle
        Instant outage = clock.instant();
        net.network.start(ScenarioType.BEAM_OUTAGE, "beam-west", Duration.ofHours(1), 0);
        checkOneParent(p, outage, Condition.BEAM_OUTAGE, "beam-west", inBeam);
    }

    @Test
    void aHubOutageOfSixThousandTerminalsIsOneIncidentAndOneNotification() throws Exception {
        Pipeline p = new Pipeline();
        long ofHub = p.inv.terminals().stream().filter(t -> t.hub().equals("hub-bj")).count();
        assertThat(ofHub).isEqualTo(6_000);
        p.run(Duration.ofSeconds(39));
        Instant outage = clock.instant();
        net.network.start(ScenarioType.HUB_OUTAGE, "hub-bj", Duration.ofHours(1), 0);
        checkOneParent(p, outage, Condition.HUB_OUTAGE, "hub-bj", ofHub);
    }

    @Test
    void aRainFadeOverAProvinceIsOneIncidentAndOneNotification() throws Exception {
        Pipeline p = new Pipeline();
        List<Terminal> sc = p.inv.terminals().stream().filter(t -> p.inv.within(t.region(), "sc")).toList();
        p.run(Duration.ofSeconds(12));
        Instant outage = clock.instant();
        net.network.start(ScenarioType.RAIN_FADE, "sc", Duration.ofHours(1), 0);
        // every terminal of the province that reports Es/No fades (the MIB-II modems have no such signal)
        long fading = sc.stream().filter(t -> p.inv.profile(t.profile()).signals().esNo() != null).count();
        checkOneParent(p, outage, Condition.RAIN_FADE, "sc", fading);
    }
}
