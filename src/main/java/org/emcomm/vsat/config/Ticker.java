package org.emcomm.vsat.config;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A feature's periodic check on its own daemon thread: runs {@code task} every {@code period} (with fixed
 * delay); a failed run is logged as {@code what} failed and the next one runs as usual.
 */
public final class Ticker implements AutoCloseable {
    private final ScheduledExecutorService executor;

    private Ticker(ScheduledExecutorService executor) { this.executor = executor; }

    public static Ticker every(String thread, Duration period, String what, Runnable task) {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
        long ms = period.toMillis();
        boolean[] refusedBefore = new boolean[1];
        ex.scheduleWithFixedDelay(() -> {
            try {
                task.run();
                refusedBefore[0] = false;
            } catch (RuntimeException e) {
                if (refusedRecord(e)) {
                    // the journal said it once, loudly; a check every second must not repeat it through a whole outage
                    if (!refusedBefore[0]) Log.warnf("%s: not written, and tried again at its next run: %s", what, e.getMessage());
                    refusedBefore[0] = true;
                } else {
                    Log.errorf(e, "%s failed", what);
                }
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
        return new Ticker(ex);
    }

    /** A failure that was already said loudly where it began (the journal refusing records on a full disk): a ticker
     * says it once until a run succeeds again, not at every run. */
    public interface SaidOnce {}

    static boolean refusedRecord(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof SaidOnce) return true;
        return false;
    }

    @Override
    public void close() { executor.shutdownNow(); }
}
