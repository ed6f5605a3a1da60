package org.emcomm.vsat.storage;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.journal.JournalEvent;

/**
 * Forwards journal events to InfluxDB in order, retrying with backoff. Each event is one point in
 * measurement {@code event} whose timestamp is derived from the event alone (its time in ms plus
 * its sequence number modulo 10^6 in the ns digits), so forwarding it again overwrites the same
 * point: no second copy. The forwarded sequence number is kept in a cursor file; after a restart
 * forwarding resumes after it. Records are never shed: unforwarded events stay in the journal.
 */
final class EventForwarder implements AutoCloseable {
    static final String MEASUREMENT = "event";
    private static final long MAX_BACKOFF_MS = 30_000;

    private final InfluxConnection influx;
    private final Path cursorFile;
    private final LinkedBlockingQueue<JournalEvent> pending = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile long forwarded;
    private volatile long lastOffered;
    private volatile boolean reachable = true;
    private volatile String lastError;
    private volatile boolean running = true;

    EventForwarder(InfluxConnection influx, Path cursorFile) {
        this.influx = influx;
        this.cursorFile = cursorFile;
        this.forwarded = readCursor(cursorFile);
        this.thread = new Thread(this::run, "influx-events");
        thread.setDaemon(true);
    }

    long cursor() { return forwarded; }

    /** Journal listener: called in order, on the journal's writer thread. */
    void offer(JournalEvent e) {
        lastOffered = e.seq();
        pending.add(e);
    }

    void start() { thread.start(); }

    static String line(JournalEvent e) {
        Point p = Point.measurement(MEASUREMENT).addTag("stream", e.stream()).addTag("type", e.type())
                .addField("seq", e.seq()).addField("stream_seq", e.streamSeq()).addField("at", e.at().toString())
                .addField("payload", e.payload()).addField("prev", e.prevHash()).addField("hash", e.hash());
        if (e.entity() != null) p.addField("entity", e.entity());
        if (e.actor() != null) p.addField("actor", e.actor());
        return p.time(pointTime(e), WritePrecision.NS).toLineProtocol();
    }

    /** Unique per event and the same every time it is computed. */
    static long pointTime(JournalEvent e) {
        return e.at().toEpochMilli() * 1_000_000L + Math.floorMod(e.seq(), 1_000_000L);
    }

    private void run() {
        List<JournalEvent> batch = new ArrayList<>();
        long backoff = 1000;
        while (running) {
            try {
                if (batch.isEmpty()) {
                    JournalEvent first = pending.poll(500, TimeUnit.MILLISECONDS);
                    if (first == null) continue;
                    batch.add(first);
                    pending.drainTo(batch, 999);
                }
                List<String> lines = batch.stream().map(EventForwarder::line).toList();
                try {
                    influx.write(influx.records, WritePrecision.NS, lines);
                } catch (RuntimeException ex) {
                    if (reachable) Log.warnf("InfluxDB %s unreachable for events (%s); they wait in the journal", influx.url, InfluxSampleStore.why(ex));
                    reachable = false;
                    lastError = InfluxSampleStore.why(ex);
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                    continue;
                }
                if (!reachable) Log.infof("InfluxDB %s answers again; forwarding events", influx.url);
                reachable = true;
                backoff = 1000;
                forwarded = batch.get(batch.size() - 1).seq();
                writeCursor(forwarded);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Log.errorf(e, "event forwarder failed; retrying");
            }
        }
    }

    int pendingCount() { return pending.size(); }

    boolean reachable() { return reachable; }

    String lastError() { return lastError; }

    /** Waits until every event handed in so far is in InfluxDB (tests, shutdown). */
    boolean drain(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (forwarded >= lastOffered) return true;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void writeCursor(long seq) {
        try {
            Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(seq), StandardCharsets.UTF_8);
            Files.move(tmp, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // harmless: events after the last saved cursor are forwarded again, and that writes no second point
            Log.warnf("cannot save the forwarding cursor %s: %s", cursorFile, e.getMessage());
        }
    }

    private static long readCursor(Path f) {
        try {
            return Files.exists(f) ? Long.parseLong(Files.readString(f).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            Log.warnf("forwarding cursor %s unreadable (%s): forwarding every event again (idempotent)", f, e.getMessage());
            return 0;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
