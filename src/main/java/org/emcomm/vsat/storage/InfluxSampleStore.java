package org.emcomm.vsat.storage;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.query.InfluxQLQueryResult;
import io.quarkus.logging.Log;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples into InfluxDB: one point per terminal per poll in measurement {@code sample}, batched on
 * one writer thread. While InfluxDB is unreachable, batches go to the on-disk spool and are replayed
 * in order when it answers again; new batches queue behind the spool so order holds.
 */
final class InfluxSampleStore implements SampleStore, AutoCloseable {
    static final String MEASUREMENT = "sample";
    /** Our own fields are named so that no profile metric (iDirect's "state", say) collides with them. */
    static final String STATE = "terminal_state";
    static final String STATE_CODE = "terminal_state_code";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final InfluxConnection influx;
    private final SampleSpool spool;
    private final int batchSize;
    private final long flushMs;
    private final BlockingQueue<String> queue;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private volatile boolean reachable = true;
    private volatile boolean running = true;
    private volatile boolean busy;
    private volatile String lastError;
    private long backoffMs = 1000;
    private volatile long nextRetry;

    InfluxSampleStore(InfluxConnection influx, Path spoolDir, long spoolMaxBytes, int batchSize, Duration flushInterval) {
        this.influx = influx;
        this.spool = new SampleSpool(spoolDir, spoolMaxBytes);
        this.batchSize = batchSize;
        this.flushMs = flushInterval.toMillis();
        this.queue = new ArrayBlockingQueue<>(Math.max(100_000, batchSize * 20));
        this.writer = new Thread(this::run, "influx-samples");
        writer.setDaemon(true);
        writer.start();
    }

    static String line(SamplePoint p) {
        Point point = Point.measurement(MEASUREMENT)
                .addTag("terminal", p.terminal()).addTag("region", p.region()).addTag("hub", p.hub())
                .addTag("beam", p.beam()).addTag("profile", p.profile())
                .addField(STATE, p.state()).addField(STATE_CODE, (long) SamplePoint.stateCode(p.state()))
                .addField("poll_status", p.poll()).addField("latency_us", p.latencyMicros());
        p.metrics().forEach((k, v) -> {
            if (Double.isFinite(v)) point.addField(k, v);
        });
        return point.time(p.at().toEpochMilli(), WritePrecision.MS).toLineProtocol();
    }

    @Override
    public void write(SamplePoint point) {
        String line = line(point);
        while (!queue.offer(line)) {
            // the writer is behind (a slow InfluxDB, a burst): move the oldest queued samples to the
            // spool instead of holding them in memory or dropping them; they are replayed from there
            List<String> oldest = new ArrayList<>(batchSize);
            queue.drainTo(oldest, batchSize);
            if (!oldest.isEmpty()) spool.add(oldest);
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>(batchSize);
        while (running) {
            try {
                batch.clear();
                String first = queue.poll(flushMs, TimeUnit.MILLISECONDS);
                busy = true;
                if (first != null) {
                    batch.add(first);
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushMs);
                    while (batch.size() < batchSize) {
                        if (queue.drainTo(batch, batchSize - batch.size()) == 0) {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) break;
                            String next = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
                            if (next != null) batch.add(next);
                        }
                    }
                    if (!spool.isEmpty() || !tryWrite(batch)) spool.add(new ArrayList<>(batch));
                }
                if (!spool.isEmpty() && System.currentTimeMillis() >= nextRetry) replay();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Log.errorf(e, "sample writer failed; continuing");
            } finally {
                busy = false;
            }
        }
    }

    /** Replays spooled batches oldest first until one fails or a bounded amount is done. */
    private void replay() {
        for (int i = 0; i < 20 && !spool.isEmpty(); i++) {
            SampleSpool.Batch b = spool.oldest();
            List<String> lines = spool.read(b);
            if (!tryWrite(lines)) return;
            spool.remove(b);
            if (spool.isEmpty()) Log.infof("sample spool replayed: InfluxDB has every spooled sample");
        }
    }

    private boolean tryWrite(List<String> lines) {
        try {
            influx.write(influx.samples, WritePrecision.MS, lines);
            written.addAndGet(lines.size());
            if (!reachable) Log.infof("InfluxDB %s answers again", influx.url);
            reachable = true;
            backoffMs = 1000;
            return true;
        } catch (RuntimeException e) {
            if (rejected(e)) {
                // 1.x writes the good points of a batch and names the bad ones; these are not retried
                lastError = why(e);
                Log.errorf("InfluxDB %s refused samples: %s", influx.url, why(e));
                return true;
            }
            if (reachable) Log.warnf("InfluxDB %s unreachable (%s): samples go to the spool", influx.url, why(e));
            reachable = false;
            lastError = why(e);
            nextRetry = System.currentTimeMillis() + backoffMs;
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            return false;
        }
    }

    @Override
    public void flush() {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && (!queue.isEmpty() || busy || !spool.isEmpty())) {
            if (!spool.isEmpty() && !reachable && queue.isEmpty() && !busy) nextRetry = 0;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public List<HistoryPoint> history(String terminal, List<String> metrics, Instant from, Instant to, Duration step, int maxPoints) {
        String where = " FROM " + InfluxConnection.quoteIdent(MEASUREMENT) + " WHERE \"terminal\" = " + InfluxConnection.quoteString(terminal)
                + " AND time >= '" + from + "' AND time < '" + to + "'";
        StringBuilder q = new StringBuilder("SELECT ");
        if (step == null) {
            q.append(InfluxConnection.quoteIdent(STATE));
            for (String m : metrics) q.append(", ").append(InfluxConnection.quoteIdent(m));
            q.append(where).append(" ORDER BY time ASC LIMIT ").append(maxPoints + 1);
        } else {
            q.append("max(").append(InfluxConnection.quoteIdent(STATE_CODE)).append(") AS \"worst\", count(")
                    .append(InfluxConnection.quoteIdent(STATE_CODE)).append(") AS \"n\"");
            for (String m : metrics) q.append(", mean(").append(InfluxConnection.quoteIdent(m)).append(") AS ").append(InfluxConnection.quoteIdent(m));
            q.append(where).append(" GROUP BY time(").append(step.toMillis()).append("ms) fill(none)");
        }
        InfluxQLQueryResult result = influx.query(influx.samples, q.toString());
        List<HistoryPoint> out = new ArrayList<>();
        if (result == null || result.getResults().isEmpty() || result.getResults().get(0).getSeries() == null) return out;
        for (InfluxQLQueryResult.Series s : result.getResults().get(0).getSeries()) {
            Map<String, Integer> cols = s.getColumns();
            for (InfluxQLQueryResult.Series.Record r : s.getValues()) {
                Object[] v = r.getValues();
                Map<String, Double> values = new LinkedHashMap<>();
                for (String m : metrics) {
                    Double d = number(v[cols.get(m)]);
                    if (d != null) values.put(m, d);
                }
                Instant time = time(v[cols.get("time")]);
                if (step == null) {
                    Object state = v[cols.get(STATE)];
                    out.add(new HistoryPoint(time, state == null ? "UNKNOWN" : state.toString(), 1, values));
                } else {
                    Double worst = number(v[cols.get("worst")]);
                    Double n = number(v[cols.get("n")]);
                    out.add(new HistoryPoint(time, SamplePoint.stateOf(worst == null ? 1 : worst.intValue()), n == null ? 0 : n.intValue(), values));
                }
            }
        }
        if (step == null && out.size() > maxPoints) throw new TooManyPointsException(maxPoints);
        return out;
    }

    static String why(Throwable e) {
        if (e instanceof InfluxException ie && ie.status() > 0) {
            Object v1 = ie.errorBody() == null ? null : ie.errorBody().get("error");
            return "HTTP " + ie.status() + ": " + (ie.getMessage() != null ? ie.getMessage() : v1 != null ? v1 : "");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** InfluxDB refused the data itself (a field type conflict, a malformed point): retrying cannot help. */
    static boolean rejected(Throwable e) {
        return e instanceof InfluxException ie && (ie.status() == 400 || ie.status() == 422);
    }

    static Double number(Object o) {
        if (o == null) return null;
        if (o instanceof Number n) return n.doubleValue();
        String s = o.toString();
        if (s.isEmpty()) return null;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Instant time(Object o) {
        if (o instanceof Number n) return Instant.ofEpochMilli(n.longValue());
        String s = o.toString();
        try {
            return Instant.ofEpochMilli(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Instant.parse(s);
        }
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus("influxdb", reachable, written.get(), queue.size(), spool.points(), spool.bytes(), spool.shed(), spool.lastShedAt(), lastError);
    }

    @Override
    public void close() {
        long deadline = System.currentTimeMillis() + 2_000;
        while (reachable && (!queue.isEmpty() || busy) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        writer.interrupt();
        try {
            writer.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // whatever is still queued waits on disk and is replayed at the next start: a stop never
        // waits on an unreachable InfluxDB and never loses samples
        List<String> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (int i = 0; i < rest.size(); i += batchSize) spool.add(rest.subList(i, Math.min(rest.size(), i + batchSize)));
    }
}
