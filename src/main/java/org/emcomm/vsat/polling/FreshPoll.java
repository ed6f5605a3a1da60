package org.emcomm.vsat.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.emcomm.vsat.inventory.Topology.Terminal;

/**
 * One on-demand poll of a set of terminals that people are waiting on (an emergency's status report, a
 * drill's live verification), with its progress while the answers come in. Nobody blocks on it: readers
 * take a {@link Progress} or a terminal's {@link Result} at any moment, and {@link #done()} completes once
 * every terminal has its sample. A silent agent is waited for through its timeout and retries, so a poll
 * with part of the network silent finishes late; {@link #settled(Duration)} is the moment to use what came
 * in by then.
 */
public final class FreshPoll {
    private static final AtomicLong IDS = new AtomicLong();

    /** What the poll knows of one terminal: not yet, its agent (or its hub's) answered, or it did not. */
    public enum Outcome { WAITING, ANSWERED, NO_ANSWER }

    public record Result(Outcome outcome, Sample sample) {
        static final Result WAITING = new Result(Outcome.WAITING, null);
    }

    /** {@code millis}: since the start, until the last sample when {@code complete}. */
    public record Progress(String id, Instant startedAt, long millis, int polled, int answered, int noAnswer, int waiting, boolean complete) {}

    private final String id;
    private final Instant startedAt;
    private final long startNanos = System.nanoTime();
    private final List<Terminal> terminals;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private final AtomicInteger answered = new AtomicInteger(), noAnswer = new AtomicInteger();
    private final CompletableFuture<FreshPoll> done = new CompletableFuture<>();
    private volatile long finishedMillis = -1;

    FreshPoll(Collection<Terminal> terminals, Instant startedAt) {
        this.id = "FP-" + IDS.incrementAndGet();
        this.terminals = List.copyOf(terminals);
        this.startedAt = startedAt;
        if (this.terminals.isEmpty()) finish();
    }

    /** A poll that has every answer already: for tests of what reads a poll. */
    public static FreshPoll of(Collection<Terminal> terminals, Instant startedAt, Collection<Sample> samples) {
        FreshPoll p = new FreshPoll(terminals, startedAt);
        samples.forEach(p::accept);
        p.finish();
        return p;
    }

    /** A poll started now whose samples the caller hands in (tests, and replicas that relay samples). */
    public static FreshPoll started(Collection<Terminal> terminals, Instant startedAt) { return new FreshPoll(terminals, startedAt); }

    /** Takes a sample of one of the poll's terminals; the first sample per terminal counts. */
    public void accept(Sample s) {
        if (samples.putIfAbsent(s.terminalId(), s) != null) return;
        if (s.answered()) answered.incrementAndGet();
        else noAnswer.incrementAndGet();
    }

    /** Every terminal has its sample (or the poll ended): completes {@link #done()}. */
    public void finish() {
        if (finishedMillis < 0) finishedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        done.complete(this);
    }

    public String id() { return id; }

    public Instant startedAt() { return startedAt; }

    public List<Terminal> terminals() { return terminals; }

    public boolean complete() { return done.isDone(); }

    /** Completes when every terminal has its sample. */
    public CompletableFuture<FreshPoll> done() { return done; }

    /** Completes when the poll is done or {@code wait} has passed, whichever comes first (this poll either way). */
    public CompletableFuture<FreshPoll> settled(Duration wait) {
        return done.copy().completeOnTimeout(this, Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
    }

    public Result result(String terminalId) {
        Sample s = samples.get(terminalId);
        if (s == null) return Result.WAITING;
        return new Result(s.answered() ? Outcome.ANSWERED : Outcome.NO_ANSWER, s);
    }

    public Progress progress() {
        int a = answered.get(), n = noAnswer.get();
        long f = finishedMillis;
        boolean complete = f >= 0;
        long millis = complete ? f : (System.nanoTime() - startNanos) / 1_000_000;
        return new Progress(id, startedAt, millis, terminals.size(), a, n, Math.max(0, terminals.size() - a - n), complete);
    }
}
