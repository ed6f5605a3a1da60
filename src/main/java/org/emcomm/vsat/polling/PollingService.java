package org.emcomm.vsat.polling;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.snmp.SnmpClient;

/** Runs the poll scheduler on a timer and publishes the service's own poll metrics. */
@ApplicationScoped
public class PollingService {
    private final EmcommConfig config;
    private final SnmpClient client;
    private final NetworkHealth health;
    private final PollScheduler scheduler;
    private final MeterRegistry registry;
    private final Timer cycleTimer;
    private final boolean writer;
    private final Clock clock;
    private ScheduledExecutorService timer;

    PollingService(EmcommConfig config, Inventory inventory, SnmpClient client, NetworkHealth health,
                   Clock clock, MeterRegistry registry, org.emcomm.vsat.shard.ShardService shard) {
        this.config = config;
        this.client = client;
        this.health = health;
        this.registry = registry;
        this.clock = clock;
        this.writer = shard.role() == org.emcomm.vsat.shard.ShardService.Role.WRITER;
        // The writer's samples go to its health; another replica's go to the writer (docs/adr/0003).
        PollEngine engine = new PollEngine(inventory, client, clock, shard.sink(), config.polling().timeoutOverride().orElse(null))
                .confirmRetries(config.polling().confirmRetries());
        // what a hub's NMS says of the hub itself: the records writer acts on it (it polls its share of every hub's remotes)
        if (writer) engine.onHubReading(health::hub);
        this.scheduler = new PollScheduler(engine, clock, config.polling().interval(), config.polling().jitter(),
                config.polling().retryAfterFailure(), shard::polls);
        this.cycleTimer = Timer.builder("emcomm.poll.cycle").description("Duration of a scheduler batch of polls")
                .register(registry);
    }

    void start(@Observes @Priority(200) StartupEvent event) {
        org.emcomm.vsat.config.Meters.forget(registry, "emcomm.snmp.", "emcomm.terminals");
        FunctionCounter.builder("emcomm.snmp.requests", client, c -> c.stats().sent()).register(registry);
        FunctionCounter.builder("emcomm.snmp.timeouts", client, c -> c.stats().timeouts()).register(registry);
        FunctionCounter.builder("emcomm.snmp.failures", client, c -> c.stats().failures()).register(registry);
        Gauge.builder("emcomm.snmp.inflight", client, c -> c.stats().inFlight()).strongReference(true).register(registry);
        Gauge.builder("emcomm.snmp.queued", client, c -> c.stats().queued()).strongReference(true).register(registry);
        Gauge.builder("emcomm.snmp.pending", client, c -> c.stats().pending()).strongReference(true).register(registry);
        if (writer) for (TerminalState s : TerminalState.values()) { // only the records writer holds every state
            Gauge.builder("emcomm.terminals", health, h -> h.countByState().getOrDefault(s, 0L))
                    .tag("state", s.name()).strongReference(true).register(registry);
        }
        if (!config.polling().enabled()) {
            Log.info("scheduled polling is off (emcomm.polling.enabled=false)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poll-scheduler");
            t.setDaemon(true);
            return t;
        });
        long tick = config.polling().tick().toMillis();
        timer.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
        scheduler.firstCycle().thenRun(() -> Log.info("first poll cycle done: every terminal has been polled"));
    }

    /** Batches overlap: a slow batch (a dead agent waiting out its timeout) never holds back
     * terminals that fall due meanwhile; a terminal still being polled is skipped. */
    private void tick() {
        long start = System.nanoTime();
        try {
            scheduler.tick().whenComplete((report, err) -> {
                if (err != null) Log.errorf(err, "poll batch failed");
                else if (report != null) cycleTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the SNMP client closed under a tick already running: the service is stopping (a failed start fires no ShutdownEvent)
            Log.debugf("poll scheduler tick after the SNMP client closed: %s", e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "poll scheduler tick failed");
        }
    }

    void stop(@Observes ShutdownEvent event) { stopTimer(); }

    @jakarta.annotation.PreDestroy
    void stopTimer() {
        if (timer != null) timer.shutdownNow();
    }

    /** Polls these terminals now and completes when each has a fresh sample. */
    public CompletableFuture<CycleReport> pollNow(Collection<Terminal> terminals) {
        return scheduler.pollNow(terminals);
    }

    /** Starts a poll of these terminals now whose progress people follow (a status report, a drill's verification);
     * nothing waits on it. */
    public FreshPoll freshPoll(Collection<Terminal> terminals) {
        FreshPoll p = new FreshPoll(terminals, clock.instant());
        if (terminals.isEmpty()) return p;
        scheduler.pollNow(terminals, p::accept).whenComplete((report, err) -> {
            if (err != null) Log.errorf(err, "fresh poll %s of %d terminals failed", p.id(), terminals.size());
            p.finish();
        });
        return p;
    }

    private final java.util.Map<String, Faster> faster = new java.util.TreeMap<>();

    private record Faster(java.util.Set<String> terminals, java.time.Duration interval) {}

    /** Polls these terminals at {@code interval} (when shorter than the normal one) until {@link #endFaster}
     * with the same owner; several owners may overlap, the shortest interval wins. */
    public synchronized void pollFaster(String owner, Collection<Terminal> terminals, java.time.Duration interval) {
        faster.put(owner, new Faster(terminals.stream().map(Terminal::id).collect(java.util.stream.Collectors.toUnmodifiableSet()), interval));
        applyFaster();
    }

    public synchronized void endFaster(String owner) {
        if (faster.remove(owner) != null) applyFaster();
    }

    private void applyFaster() {
        java.util.Map<String, java.time.Duration> byTerminal = new java.util.HashMap<>();
        for (Faster f : faster.values()) {
            for (String id : f.terminals()) byTerminal.merge(id, f.interval(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        scheduler.pollFaster(byTerminal);
    }

    /** Terminals polled faster than the interval now, with their interval. */
    public java.util.Map<String, java.time.Duration> faster() { return scheduler.faster(); }

    public boolean firstCycleDone() { return scheduler.firstCycle().isDone(); }

    public CycleReport lastCycle() { return scheduler.lastCycle(); }

    public SnmpClient.Stats snmpStats() { return client.stats(); }
}
