package org.emcomm.vsat.storage;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Batches of samples (line protocol) kept on disk while InfluxDB is unreachable, replayed oldest
 * first. One file per batch, named {@code <number>-<points>.lp}, so a restart finds them in order.
 * Past the byte bound the oldest batches are shed and counted: samples may be shed, records never
 * come here.
 */
final class SampleSpool {
    record Batch(Path file, int points, long bytes) {}

    private final Path dir;
    private final long maxBytes;
    private final Deque<Batch> batches = new ArrayDeque<>();
    private long next;
    private long bytes;
    private long points;
    private long shed;
    private java.time.Instant lastShedAt;
    private long lastShedLog = System.nanoTime() - 20_000_000_000L;

    SampleSpool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".lp")).sorted().toList()) {
                    String[] parts = p.getFileName().toString().replace(".lp", "").split("-");
                    Batch b = new Batch(p, Integer.parseInt(parts[1]), Files.size(p));
                    batches.add(b);
                    bytes += b.bytes();
                    points += b.points();
                    next = Long.parseLong(parts[0]) + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot open the sample spool " + dir + ": " + e.getMessage(), e);
        }
        if (!batches.isEmpty()) Log.infof("sample spool: %d points in %d batches from before the restart will be replayed", points, batches.size());
    }

    synchronized void add(List<String> lines) {
        byte[] data = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve(String.format("%020d-%d.lp", next++, lines.size()));
        try {
            Files.write(f, data);
        } catch (IOException e) {
            shed += lines.size();
            lastShedAt = java.time.Instant.now();
            Log.errorf("sample spool: cannot write %s (%s); %d samples shed", f, e.getMessage(), lines.size());
            return;
        }
        batches.add(new Batch(f, lines.size(), data.length));
        bytes += data.length;
        points += lines.size();
        while (bytes > maxBytes && batches.size() > 1) {
            Batch oldest = batches.poll();
            delete(oldest);
            shed += oldest.points();
            lastShedAt = java.time.Instant.now();
            long now = System.nanoTime();
            if (now - lastShedLog > 10_000_000_000L) {
                lastShedLog = now;
                Log.warnf("sample spool full (%d bytes bound): shedding the oldest samples; %d shed in all so far", maxBytes, shed);
            }
        }
    }

    synchronized Batch oldest() { return batches.peek(); }

    synchronized List<String> read(Batch b) {
        try {
            return Files.readAllLines(b.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The batch is in InfluxDB (or unreadable): forget it. */
    synchronized void remove(Batch b) {
        if (batches.remove(b)) delete(b);
    }

    private void delete(Batch b) {
        bytes -= b.bytes();
        points -= b.points();
        try {
            Files.deleteIfExists(b.file());
        } catch (IOException e) {
            Log.warnf("sample spool: cannot delete %s: %s", b.file(), e.getMessage());
        }
    }

    synchronized boolean isEmpty() { return batches.isEmpty(); }
    synchronized long bytes() { return bytes; }
    synchronized long points() { return points; }
    synchronized long shed() { return shed; }

    synchronized java.time.Instant lastShedAt() { return lastShedAt; }
}
