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
        ex.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                Log.errorf(e, "%s failed", what);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
        return new Ticker(ex);
    }

    @Override
    public void close() { executor.shutdownNow(); }
}
