package org.emcomm.vsat.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where samples go and how their history is read: InfluxDB, or the embedded local store. */
public interface SampleStore {
    /** Never blocks on the store: samples are queued, batched and written behind. */
    void write(SamplePoint point);

    /**
     * History of one terminal with {@code from <= time < to}. Without a step, the raw samples, at most
     * {@code maxPoints} ({@link TooManyPointsException} past that); with a step, buckets aligned to
     * the epoch as InfluxQL's {@code GROUP BY time(step)} aligns them.
     */
    List<HistoryPoint> history(String terminal, List<String> metrics, Instant from, Instant to, Duration step, int maxPoints);

    /** Writes everything queued so far (tests, shutdown). */
    void flush();

    StoreStatus status();

    /** For health and metrics. */
    record StoreStatus(String kind, boolean reachable, long written, long queued, long spooledPoints, long spoolBytes,
                       long shed, java.time.Instant lastShedAt, String lastError) {}

    final class TooManyPointsException extends RuntimeException {
        public TooManyPointsException(int max) {
            super("more than " + max + " samples in this range; give a step (e.g. 5m) to downsample");
        }
    }
}
