package org.emcomm.vsat.storage;

import io.quarkus.logging.Log;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The embedded default's sample store: one append-only file per terminal per UTC day
 * ({@code <dir>/2026-11-21/t-<id>.bin}), buffered in memory and appended every few seconds, and
 * day folders past the retention deleted. A file is a sequence of entries: {@code 'N' idx name}
 * names a metric for the rest of the file, {@code 'S' millis stateCode poll n (idx value)*} is a sample.
 * A crash loses at most the unflushed seconds; a half-written last entry is ignored on reading.
 */
public final class LocalSampleStore implements SampleStore, AutoCloseable {
    private static final byte NAME = 'N';
    private static final byte SAMPLE = 'S';

    private final Path dir;
    private final Clock clock;
    private final int retentionDays;
    private final Map<String, Buffer> buffers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final AtomicLong written = new AtomicLong();
    private volatile String lastError;

    public LocalSampleStore(Path dir, Clock clock, int retentionDays, Duration flushEvery) {
        this.dir = dir;
        this.clock = clock;
        this.retentionDays = retentionDays;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sample store " + dir, e);
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sample-store");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, flushEvery.toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
        flusher.scheduleWithFixedDelay(this::dropExpired, 0, 1, TimeUnit.HOURS);
    }

    /** One terminal's unflushed entries for its current day file, and that file's metric names. */
    private final class Buffer {
        final String terminal;
        LocalDate day;
        Map<String, Integer> names = new HashMap<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(bytes);

        Buffer(String terminal) { this.terminal = terminal; }

        void add(SamplePoint p) throws IOException {
            LocalDate d = LocalDate.ofInstant(p.at(), ZoneOffset.UTC);
            if (!d.equals(day)) {
                flush();
                day = d;
                names = readNames(file(terminal, d));
            }
            for (String m : p.metrics().keySet()) {
                if (names.containsKey(m)) continue;
                int idx = names.size();
                names.put(m, idx);
                out.writeByte(NAME);
                out.writeShort(idx);
                out.writeUTF(m);
            }
            out.writeByte(SAMPLE);
            out.writeLong(p.at().toEpochMilli());
            out.writeByte(SamplePoint.stateCode(p.state()));
            out.writeUTF(p.poll());
            out.writeShort(p.metrics().size());
            for (var m : p.metrics().entrySet()) {
                out.writeShort(names.get(m.getKey()));
                out.writeDouble(m.getValue());
            }
        }

        void flush() throws IOException {
            if (bytes.size() == 0) return;
            Path f = file(terminal, day);
            Files.createDirectories(f.getParent());
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                long before = ch.size();
                try {
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes.toByteArray());
                    for (long at = before; buf.hasRemaining(); ) at += ch.write(buf, at); // a nearly full disk takes it in parts
                } catch (IOException e) {
                    ch.truncate(before); // a full disk may take half the entries: none stay, they are tried again whole
                    throw e;
                }
            }
            bytes.reset();
        }
    }

    /** Unflushed bytes one terminal may hold while its file cannot be appended (a full disk): about 4 hours of a
     * minute's polls, 160 MB for 10,000 terminals. Samples past it are shed and counted. */
    static final int MAX_PENDING_BYTES = 16 * 1024;
    private final AtomicLong shed = new AtomicLong();
    private volatile java.time.Instant lastShedAt;

    @Override
    public void write(SamplePoint point) {
        Buffer b = buffers.computeIfAbsent(point.terminal(), Buffer::new);
        synchronized (b) {
            try {
                if (b.bytes.size() >= MAX_PENDING_BYTES) throw new IOException("more than " + MAX_PENDING_BYTES + " bytes wait to be appended");
                b.add(point);
                written.incrementAndGet();
            } catch (IOException e) {
                lastError = e.getMessage();
                shed.incrementAndGet();
                lastShedAt = clock.instant();
                if (!failing) Log.warnf("sample store: samples are shed (first of terminal %s: %s); counted in the storage check", point.terminal(), e.getMessage());
                failing = true;
            }
        }
    }

    /** Whether the last flush failed: a full disk fails every terminal's file, and that is said once, not per file. */
    private volatile boolean failing;

    @Override
    public void flush() {
        int failed = 0;
        String first = null;
        for (Buffer b : buffers.values()) {
            synchronized (b) {
                try {
                    b.flush();
                } catch (IOException e) {
                    lastError = e.getMessage();
                    if (failed++ == 0) first = b.terminal + ": " + e.getMessage();
                }
            }
        }
        if (failed > 0 && !failing) {
            Log.warnf("sample store: cannot append samples (%d terminals, first %s); they stay in memory and are tried again at each"
                    + " flush, said again only when writing works", failed, first);
        } else if (failed == 0 && failing) {
            Log.infof("sample store: appending samples again");
        }
        failing = failed > 0;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            Log.errorf(e, "sample store flush failed");
        }
    }

    @Override
    public List<HistoryPoint> history(String terminal, List<String> metrics, Instant from, Instant to, Duration step, int maxPoints) {
        Buffer b = buffers.get(terminal);
        if (b != null) {
            synchronized (b) {
                try {
                    b.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        List<HistoryPoint> raw = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
        for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC); !d.isAfter(last); d = d.plusDays(1)) {
            read(file(terminal, d), from, to, metrics, raw, step == null ? maxPoints : Integer.MAX_VALUE);
        }
        raw.sort(Comparator.comparing(HistoryPoint::time));
        if (step == null) return raw;
        return Downsampler.buckets(raw, step);
    }

    private void read(Path f, Instant from, Instant to, List<String> wanted, List<HistoryPoint> out, int max) {
        Map<Integer, String> names = new HashMap<>();
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        try {
            scan(f, new Entries() {
                public void name(int idx, String name) { names.put(idx, name); }

                public void sample(long ms, int state, int[] idx, double[] values) {
                    if (ms < fromMs || ms >= toMs) return;
                    if (out.size() >= max) throw new TooManyPointsException(max);
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    for (int i = 0; i < idx.length; i++) {
                        String name = names.get(idx[i]);
                        if (name != null && (wanted.isEmpty() || wanted.contains(name))) metrics.put(name, values[i]);
                    }
                    out.add(new HistoryPoint(Instant.ofEpochMilli(ms), SamplePoint.stateOf(state), 1, metrics));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private Map<String, Integer> readNames(Path f) {
        Map<String, Integer> names = new HashMap<>();
        try {
            scan(f, new Entries() {
                public void name(int idx, String name) { names.put(name, idx); }

                public void sample(long ms, int state, int[] idx, double[] values) { }
            });
        } catch (IOException e) {
            Log.warnf("sample store: cannot read %s: %s", f, e.getMessage());
        }
        return names;
    }

    /** What a day file holds, entry by entry. */
    private interface Entries {
        void name(int idx, String name);

        void sample(long ms, int state, int[] idx, double[] values);
    }

    /** The one reader of the file format; a missing file is empty, a half-written last entry (a crash) ends it. */
    private static void scan(Path f, Entries entries) throws IOException {
        if (!Files.exists(f)) return;
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(f), 64 * 1024))) {
            while (true) {
                byte kind = in.readByte();
                if (kind == NAME) {
                    int idx = in.readShort();
                    entries.name(idx, in.readUTF());
                } else if (kind == SAMPLE) {
                    long ms = in.readLong();
                    int state = in.readByte();
                    in.readUTF();
                    int n = in.readShort();
                    int[] idx = new int[n];
                    double[] values = new double[n];
                    for (int i = 0; i < n; i++) {
                        idx[i] = in.readShort();
                        values[i] = in.readDouble();
                    }
                    entries.sample(ms, state, idx, values);
                } else {
                    Log.warnf("sample store: %s has an unknown entry; read up to it", f);
                    return;
                }
            }
        } catch (EOFException end) {
            // the end of the file, or a half-written last entry after a crash
        }
    }

    private Path file(String terminal, LocalDate day) {
        return dir.resolve(day.toString()).resolve("t-" + URLEncoder.encode(terminal, StandardCharsets.UTF_8) + ".bin");
    }

    /** Deletes day folders older than the retention (days counted on the injected clock). */
    void dropExpired() {
        LocalDate oldest = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(retentionDays);
        try (Stream<Path> days = Files.list(dir)) {
            for (Path d : days.toList()) {
                LocalDate day;
                try {
                    day = LocalDate.parse(d.getFileName().toString());
                } catch (RuntimeException notADay) {
                    continue;
                }
                if (day.isBefore(oldest)) {
                    try (Stream<Path> files = Files.walk(d)) {
                        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                    }
                    Log.infof("sample store: dropped %s (older than %d days)", d.getFileName(), retentionDays);
                }
            }
        } catch (IOException e) {
            Log.warnf("sample store: retention sweep failed: %s", e.getMessage());
        }
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus("local", true, written.get(), 0, 0, 0, shed.get(), lastShedAt, lastError);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }
}
