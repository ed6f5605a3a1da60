package org.emcomm.vsat.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.emcomm.vsat.inventory.Topology.Terminal;

/**
 * Decides which terminals are due. Every terminal has its own due time: after an answer,
 * the interval ± jitter; after a failure, a fast re-poll that backs off (retry, 2×retry, …,
 * up to the interval). A terminal being polled is not polled again until its sample is in.
 * Time comes from the clock, so tests drive it by calling {@link #tick()}.
 */
public final class PollScheduler {
    private final PollEngine engine;
    private final Clock clock;
    private final Duration interval;
    private final double jitter;
    private final Duration retry;
    /** Whether this replica polls a terminal on its schedule (its shard); on-demand polls take any terminal. */
    private final java.util.function.Predicate<Terminal> mine;
    private final int mineAtStart;
    private final Map<String, Due> due = new ConcurrentHashMap<>();
    /** Terminals polled faster than the interval (an open emergency, a drill), with their interval. */
    private volatile Map<String, Duration> fast = Map.of();
    private final AtomicInteger polledOnce = new AtomicInteger();
    private final CompletableFuture<Void> firstCycle = new CompletableFuture<>();
    private volatile CycleReport lastCycle;

    private static final class Due {
        final Terminal terminal;
        volatile Instant next;
        volatile boolean busy;
        volatile boolean seen;
        int failures;

        Due(Terminal terminal, Instant next) {
            this.terminal = terminal;
            this.next = next;
        }
    }

    public PollScheduler(PollEngine engine, Clock clock, Duration interval, double jitter, Duration retry) {
        this(engine, clock, interval, jitter, retry, t -> true);
    }

    /** {@code mine}: the terminals this replica polls on its schedule, asked at every tick so ownership can move. */
    public PollScheduler(PollEngine engine, Clock clock, Duration interval, double jitter, Duration retry,
                         java.util.function.Predicate<Terminal> mine) {
        this.engine = engine;
        this.mine = mine;
        this.clock = clock;
        this.interval = interval;
        this.jitter = jitter;
        this.retry = retry;
        Instant now = clock.instant();
        int owned = 0;
        for (Terminal t : engine.inventory().terminals()) {
            due.put(t.id(), new Due(t, now));
            if (mine.test(t)) owned++;
        }
        mineAtStart = owned;
        if (owned == 0) firstCycle.complete(null);
    }

    /** Polls every terminal of this replica's (and every fast-polled one) that is due now; completes with
     * the report (null when none was due). A terminal this replica took over was last polled here long ago,
     * or never, so it is due at once. */
    public CompletableFuture<CycleReport> tick() {
        Instant now = clock.instant();
        List<Terminal> batch = new ArrayList<>();
        Map<String, Duration> fastNow = fast;
        for (Due d : due.values()) {
            if (!d.busy && !d.next.isAfter(now) && (fastNow.containsKey(d.terminal.id()) || mine.test(d.terminal))) {
                d.busy = true;
                batch.add(d.terminal);
            }
        }
        if (batch.isEmpty()) return CompletableFuture.completedFuture(null);
        return run(batch);
    }

    /** Polls these terminals now, whatever their due time (operators, emergencies, drills). */
    public CompletableFuture<CycleReport> pollNow(Collection<Terminal> terminals) {
        return pollNow(terminals, s -> { });
    }

    /** As {@link #pollNow(Collection)}, handing each sample to {@code each} once health has it. */
    public CompletableFuture<CycleReport> pollNow(Collection<Terminal> terminals, java.util.function.Consumer<Sample> each) {
        for (Terminal t : terminals) due.get(t.id()).busy = true;
        return run(terminals, each);
    }

    private CompletableFuture<CycleReport> run(Collection<Terminal> terminals) {
        return run(terminals, s -> { });
    }

    private CompletableFuture<CycleReport> run(Collection<Terminal> terminals, java.util.function.Consumer<Sample> each) {
        return engine.poll(terminals, s -> {
            reschedule(s);
            each.accept(s);
        }).thenApply(report -> {
            lastCycle = report;
            return report;
        });
    }

    private void reschedule(Sample s) {
        Due d = due.get(s.terminalId());
        if (d == null) return;
        Instant at = s.at();
        if (s.answered()) {
            d.failures = 0;
            long interval = intervalOf(d.terminal.id()).toMillis();
            if (!d.seen) {
                // after the first poll (all at once at start), each terminal with its own agent takes its own place in the
                // interval, so the network is not polled in one burst every interval; a hub's remotes keep one place, the
                // hub's, as one read of its tables answers for all of them
                d.next = at.plusMillis((long) (interval * place(d.terminal.viaHub() ? "hub:" + d.terminal.hub() : d.terminal.id())));
            } else {
                double spread = jitter <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter);
                d.next = at.plusMillis((long) (interval * (1 + spread)));
            }
        } else {
            d.failures++;
            long backoff = retry.toMillis() << Math.min(16, d.failures - 1);
            d.next = at.plusMillis(Math.min(backoff, intervalOf(d.terminal.id()).toMillis()));
        }
        d.busy = false;
        if (!d.seen) {
            d.seen = true;
            if (mine.test(d.terminal) && polledOnce.incrementAndGet() == mineAtStart) firstCycle.complete(null);
        }
    }

    /** A place in the interval, from an id: spread evenly, the same at every start. */
    static double place(String id) {
        return 0.1 + 0.9 * Math.floorMod(id.hashCode() * 0x9E3779B1, 1000) / 1000.0;
    }

    private Duration intervalOf(String terminal) {
        Duration f = fast.get(terminal);
        return f != null && f.compareTo(interval) < 0 ? f : interval;
    }

    /** Replaces the set of terminals polled faster; a terminal newly on it is due within its fast interval. */
    public void pollFaster(Map<String, Duration> intervals) {
        Map<String, Duration> before = fast;
        fast = Map.copyOf(intervals);
        Instant now = clock.instant();
        intervals.forEach((id, iv) -> {
            Due d = due.get(id);
            if (d == null || before.containsKey(id)) return;
            Instant soon = now.plus(iv);
            if (d.next.isAfter(soon)) d.next = soon;
        });
    }

    public Map<String, Duration> faster() { return fast; }

    /** Completes once every terminal this replica polled at start has been polled at least once. */
    public CompletableFuture<Void> firstCycle() { return firstCycle; }

    public CycleReport lastCycle() { return lastCycle; }
}
