package org.emcomm.vsat.journal;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The local, append-only, fsync'd event journal. Appends from many threads are written by one
 * writer thread in groups: one write and one fsync per group (group commit), so throughput
 * grows with concurrency while every {@link #append} returns only once its event is on disk.
 * The writer thread alone owns the sequence numbers and the hash chain.
 */
public final class Journal implements AutoCloseable {
    /** {@code clock} dates the anchor and an outage's start and end (the service's clock; the system's by default). */
    public record Options(long segmentBytes, boolean cutAtDamage, WriteCheck writeCheck, java.time.Clock clock) {
        public static final Options DEFAULT = new Options(64L * 1024 * 1024, false);

        public Options(long segmentBytes, boolean cutAtDamage) { this(segmentBytes, cutAtDamage, WriteCheck.NONE, java.time.Clock.systemUTC()); }
    }

    /** Asked before each write of {@code bytes} to {@code file}; throwing is a failed write (a test's full disk). */
    @FunctionalInterface
    public interface WriteCheck {
        WriteCheck NONE = (file, bytes) -> { };

        void beforeWrite(Path file, long bytes) throws IOException;
    }

    /** Writes failing since {@code since} (the disk is full, or refused a write): {@code refused} records were not
     * stored; {@code until} is set once a write went through again. */
    public record Outage(Instant since, String reason, long refused, Instant until) {}

    public record Head(long seq, String hash) {}

    private record Pending(JournalEvent.Draft draft, JournalEvent imported, Runnable task, CompletableFuture<JournalEvent> done) {}

    private static final int MAX_GROUP = 4096;

    private final Path dir;
    private final Options options;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Consumer<JournalEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Long> streamSeqs = new HashMap<>();
    private final Thread writer;
    private volatile Head head;
    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile Outage outage;
    private volatile Outage lastOutage;
    private Path segment;
    private FileChannel channel;
    private long segmentSize;
    private long groups;

    private Journal(Path dir, Options options, JournalScanner.Result scanned) throws IOException {
        this.dir = dir;
        this.options = options;
        this.head = new Head(scanned.lastSeq, scanned.lastHash);
        this.streamSeqs.putAll(scanned.streamSeqs);
        Path seg = scanned.lastSegment != null ? scanned.lastSegment : segmentPath(scanned.lastSeq + 1);
        openSegment(seg);
        this.writer = new Thread(this::writeLoop, "journal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (or creates) the journal in {@code dir}, handing every stored event to {@code replay} in
     * order. A torn last entry is cut with a warning; damage elsewhere throws
     * {@link JournalCorruptException} unless {@code options.cutAtDamage()}.
     */
    public static Journal open(Path dir, Options options, Consumer<JournalEvent> replay) {
        try {
            Files.createDirectories(dir);
            List<JournalEvent> held = new ArrayList<>();
            JournalScanner.Result r = JournalScanner.scan(dir, held::add);
            if (r.damage != null) {
                if (!options.cutAtDamage()) throw new JournalCorruptException(r.damageFile, r.damageOffset, r.damage);
                cutAtDamage(dir, r);
                List<JournalEvent> kept = held.stream().filter(e -> e.seq() <= r.lastSeq).toList();
                held.clear();
                held.addAll(kept);
            } else if (r.tornAt >= 0) {
                Path aside = keepAside(dir, r.lastSegment, r.tornAt, "torn");
                Log.warnf("journal: cut a torn last entry (%d bytes at byte %d of %s), left by a crash mid-write; %d events before it are"
                        + " intact; the cut bytes are kept in %s", r.tornBytes, r.tornAt, r.lastSegment, r.events, aside);
                truncate(r.lastSegment, r.tornAt);
            }
            HeadAnchor anchor = HeadAnchor.read(dir);
            String behind = anchor == null ? null : anchor.problem(r.lastSeq, seq -> hashAt(held, seq));
            if (behind != null) {
                if (!options.cutAtDamage()) throw new JournalCorruptException(HeadAnchor.fileOf(dir), 0, behind);
                Path aside = keepAside(dir, HeadAnchor.fileOf(dir), 0, "anchor");
                Log.errorf("journal: %s; going on as told (emcomm.journal.cut-at-damage): the old anchor is kept in %s", behind, aside);
            }
            held.forEach(replay);
            Journal j = new Journal(dir, options, r);
            j.writeAnchor();
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + dir, e);
        }
    }

    /** Reads the journal without changing it and reports whether the whole chain holds, and agrees with its anchor. */
    public static Verification verify(Path dir) { return verify(dir, e -> { }); }

    /** As {@link #verify(Path)}, handing each good event to {@code sink} on the way. */
    static Verification verify(Path dir, Consumer<JournalEvent> sink) {
        try {
            Map<Long, String> hashes = new HashMap<>();
            HeadAnchor anchor = HeadAnchor.read(dir);
            JournalScanner.Result r = JournalScanner.scan(dir, e -> {
                if (anchor != null && e.seq() == anchor.seq()) hashes.put(e.seq(), e.hash());
                sink.accept(e);
            });
            Verification v = Verification.of(r);
            String behind = anchor == null || !v.ok() ? null : anchor.problem(r.lastSeq, hashes::get);
            if (behind != null) return new Verification(false, r.events, r.lastSeq, r.lastHash, false, String.valueOf(HeadAnchor.fileOf(dir)), 0, behind);
            return v;
        } catch (IOException e) {
            return new Verification(false, 0, 0, JournalEvent.GENESIS, false, String.valueOf(dir), 0, "cannot read: " + e.getMessage());
        }
    }

    /** Writes the head, as far as it is on disk, to the anchor file; on the writer thread, after the appends before it. */
    public void anchor() {
        if (closed) return;
        await(submit(new Pending(null, null, this::writeAnchor, new CompletableFuture<>())));
    }

    private void writeAnchor() {
        Head h = head;
        try {
            new HeadAnchor(h.seq(), h.hash(), options.clock().instant()).write(dir);
        } catch (IOException e) {
            if (JournalUnavailableException.noSpace(e)) {
                throw new JournalUnavailableException("journal: could not write its anchor: " + e.getMessage(), e);
            }
            throw new UncheckedIOException("journal: could not write its anchor", e);
        }
    }

    private static String hashAt(List<JournalEvent> events, long seq) {
        for (int i = events.size() - 1; i >= 0; i--) if (events.get(i).seq() == seq) return events.get(i).hash();
        return null;
    }

    /** Copies a file's bytes from {@code from} on into a new damaged-TIME folder before anything cuts them: never deleted. */
    private static Path keepAside(Path dir, Path file, long from, String what) throws IOException {
        Path aside = dir.resolve("damaged-" + System.currentTimeMillis());
        Files.createDirectories(aside);
        byte[] all = Files.readAllBytes(file);
        Files.write(aside.resolve(file.getFileName() + "." + what + "-from-" + from), java.util.Arrays.copyOfRange(all, (int) Math.min(from, all.length), all.length));
        return aside;
    }

    /** Verifies on the writer thread, so no append is half-written while the chain is read. */
    public Verification verifyNow() {
        Verification[] out = new Verification[1];
        await(submit(new Pending(null, null, () -> out[0] = verify(dir), new CompletableFuture<>())));
        return out[0];
    }

    /** The whole chain checked, and the hash of the event at {@code seq} as stored (null when there is none). */
    public record Anchor(Verification chain, String hashAtSeq) {}

    /** Verifies the chain on the writer thread and reads the hash of the event at {@code seq}, e.g. the head a report names. */
    public Anchor anchor(long seq) {
        Anchor[] out = new Anchor[1];
        await(submit(new Pending(null, null, () -> {
            String[] hash = new String[1];
            Verification v = verify(dir, e -> { if (e.seq() == seq) hash[0] = e.hash(); });
            out[0] = new Anchor(v, seq == 0 ? JournalEvent.GENESIS : hash[0]);
        }, new CompletableFuture<>())));
        return out[0];
    }

    /** Appends one event and returns it, sealed, once it is on disk. */
    public JournalEvent append(JournalEvent.Draft draft) {
        return await(submit(new Pending(draft, null, null, new CompletableFuture<>())));
    }

    public JournalEvent append(String stream, String type, String entity, String actor, String payload, Instant at) {
        return append(new JournalEvent.Draft(stream, type, entity, actor, payload, at));
    }

    /** Appends events in this order, usually in one write and one fsync; returns them once all are on disk. Events
     * from other threads may fall between them. */
    public List<JournalEvent> appendAll(List<JournalEvent.Draft> drafts) {
        List<Pending> all = new ArrayList<>(drafts.size());
        for (JournalEvent.Draft d : drafts) all.add(submit(new Pending(d, null, null, new CompletableFuture<>())));
        List<JournalEvent> out = new ArrayList<>(all.size());
        for (Pending p : all) out.add(await(p));
        return out;
    }

    /** Appends events that were sealed elsewhere (a rebuild from InfluxDB); their chain must continue ours. */
    public void importEvents(List<JournalEvent> events) {
        List<CompletableFuture<JournalEvent>> all = new ArrayList<>();
        for (JournalEvent e : events) all.add(submit(new Pending(null, e, null, new CompletableFuture<>())).done());
        for (CompletableFuture<JournalEvent> f : all) await(new Pending(null, null, null, f));
    }

    /** Called on the writer thread, in order, after each event is durable and before its append
     * returns. Keep it quick. */
    public void addListener(Consumer<JournalEvent> listener) { listeners.add(listener); }

    /** Hands every stored event after {@code afterSeq} to {@code listener}, then every new one, with
     * no gap and no repeat: the writer thread does both, so no append slips in between. */
    public void subscribe(long afterSeq, Consumer<JournalEvent> listener) {
        Runnable task = () -> {
            try {
                JournalScanner.scan(dir, e -> { if (e.seq() > afterSeq) listener.accept(e); });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            listeners.add(listener);
        };
        await(submit(new Pending(null, null, task, new CompletableFuture<>())));
    }

    public Head head() { return head; }

    public Path dir() { return dir; }

    /** Writes failing now (the disk is full), or null. */
    public Outage outage() { return outage; }

    /** The last outage that ended (its {@code until} set), or null. */
    public Outage lastOutage() { return lastOutage; }

    /** Number of fsync'd groups so far (for the benchmark: events per fsync). */
    public long groups() { return groups; }

    private Pending submit(Pending p) {
        if (closed) throw new IllegalStateException("journal is closed");
        Throwable f = failure;
        if (f != null) throw new IllegalStateException("journal failed earlier and accepts no more events", f);
        queue.add(p);
        return p;
    }

    private static JournalEvent await(Pending p) {
        try {
            return p.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the journal", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JournalUnavailableException u) throw new JournalUnavailableException(u.getMessage(), u);
            throw new IllegalStateException("journal write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        List<JournalEvent> sealed = new ArrayList<>();
        while (true) {
            try {
                group.clear();
                sealed.clear();
                Pending first = queue.take();
                if (first.done() == null) break;
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                boolean stop = group.get(group.size() - 1).done() == null;
                if (stop) group.remove(group.size() - 1);
                writeGroup(group, sealed);
                if (stop) break;
            } catch (InterruptedException e) {
                break;
            } catch (Throwable t) {
                failure = t;
                Log.errorf(t, "journal: write failed; refusing further events to keep the chain whole");
                for (Pending p : group) p.done().completeExceptionally(t);
                for (Pending p; (p = queue.poll()) != null; ) if (p.done() != null) p.done().completeExceptionally(t);
                break;
            }
        }
    }

    private void writeGroup(List<Pending> group, List<JournalEvent> sealed) throws IOException {
        List<Pending> run = new ArrayList<>();
        for (Pending p : group) {
            if (p.task() == null) {
                run.add(p);
                continue;
            }
            writeRun(run, sealed);
            run.clear();
            sealed.clear();
            try {
                p.task().run();
                p.done().complete(null);
            } catch (RuntimeException e) {
                p.done().completeExceptionally(e);
            }
        }
        writeRun(run, sealed);
    }

    private void writeRun(List<Pending> group, List<JournalEvent> sealed) throws IOException {
        if (group.isEmpty()) return;
        Map<String, Long> streamSeqsBefore = new HashMap<>(streamSeqs);
        try {
            if (segmentSize >= options.segmentBytes()) nextSegment();
            sealAndWrite(group, sealed);
        } catch (IOException e) {
            // Nothing of this group may stay: cut the segment back to where the group began (cutting needs no space),
            // forget its sequence numbers, and answer its appends. The chain stays whole; the next write tries again.
            long before = segmentSize;
            try {
                channel.truncate(before);
                channel.force(true);
            } catch (IOException cut) {
                e.addSuppressed(cut);
                throw e; // the segment's end is unknown: stop taking events (writeLoop)
            }
            streamSeqs.clear();
            streamSeqs.putAll(streamSeqsBefore);
            sealed.clear();
            long refused = 0;
            for (Pending p : group) if (!p.done().isDone()) refused++;
            Outage o = outage;
            String reason = reason(e);
            outage = o == null ? new Outage(options.clock().instant(), reason, refused, null) : new Outage(o.since(), reason, o.refused() + refused, null);
            if (o == null) Log.errorf("journal: cannot write to %s (%s): records are refused (507) until space returns; nothing was kept"
                    + " of the %d refused, the chain is whole", segment, reason, refused);
            JournalUnavailableException x = new JournalUnavailableException("records cannot be written now: " + reason
                    + " (in " + dir + "); nothing of this request was stored", e);
            for (Pending p : group) if (!p.done().isDone()) p.done().completeExceptionally(x);
        }
    }

    /** A write went through: an outage is over (before any append returns, so its caller sees it over). */
    private void outageEnded() {
        Outage o = outage;
        if (o == null) return;
        lastOutage = new Outage(o.since(), o.reason(), o.refused(), options.clock().instant());
        outage = null;
        Log.warnf("journal: writing again in %s after %s; %d records were refused meanwhile", dir,
                java.time.Duration.between(o.since(), lastOutage.until()), o.refused());
    }

    /** "no space left on device" and its kin, in a line. */
    private static String reason(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return JournalUnavailableException.noSpace(e) ? "no space left on the disk (" + m + ")" : "the disk refused a write (" + m + ")";
    }

    private void nextSegment() throws IOException {
        Path next = segmentPath(head.seq() + 1);
        FileChannel previous = channel;
        openSegment(next); // a new file may need space too: until it opens, the old segment stays the one written
        previous.close();
    }

    private void sealAndWrite(List<Pending> group, List<JournalEvent> sealed) throws IOException {
        long seq = head.seq();
        String hash = head.hash();
        List<byte[]> bodies = new ArrayList<>(group.size());
        int bytes = 0;
        for (Pending p : group) {
            JournalEvent e;
            if (p.imported() != null) {
                e = p.imported();
                JournalScanner.Result at = new JournalScanner.Result();
                at.lastSeq = seq;
                at.lastHash = hash;
                at.streamSeqs.putAll(streamSeqs);
                String problem = JournalScanner.chainProblem(at, e);
                if (problem != null) {
                    p.done().completeExceptionally(new IllegalArgumentException("cannot import: " + problem));
                    continue;
                }
            } else {
                long streamSeq = streamSeqs.getOrDefault(p.draft().stream(), 0L) + 1;
                e = JournalEvent.seal(p.draft(), seq + 1, streamSeq, hash);
            }
            streamSeqs.put(e.stream(), e.streamSeq());
            seq = e.seq();
            hash = e.hash();
            sealed.add(e);
            byte[] body = EntryCodec.body(e);
            bodies.add(body);
            bytes += EntryCodec.HEADER + body.length;
        }
        if (sealed.isEmpty()) return;
        ByteBuffer buf = ByteBuffer.allocate(bytes);
        for (byte[] b : bodies) EntryCodec.write(buf, b);
        buf.flip();
        options.writeCheck().beforeWrite(segment, bytes);
        while (buf.hasRemaining()) channel.write(buf);
        channel.force(false);
        segmentSize += bytes;
        groups++;
        head = new Head(seq, hash);
        outageEnded();
        for (JournalEvent e : sealed) {
            for (Consumer<JournalEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    Log.errorf(ex, "journal listener failed on event %d", e.seq());
                }
            }
        }
        int i = 0;
        for (Pending p : group) {
            if (p.done().isCompletedExceptionally()) continue;
            p.done().complete(sealed.get(i++));
        }
    }

    private void openSegment(Path seg) throws IOException {
        FileChannel opened = FileChannel.open(seg, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        channel = opened;
        segment = seg;
        segmentSize = channel.size();
        // make the new file's directory entry durable too
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the file itself is still fsync'd
        }
    }

    private Path segmentPath(long firstSeq) {
        return dir.resolve(String.format("%020d%s", firstSeq, JournalScanner.SUFFIX));
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.force(true);
        }
    }

    /** The documented way out of damage: keep the good prefix, move the rest aside for forensics. */
    private static void cutAtDamage(Path dir, JournalScanner.Result r) throws IOException {
        Path aside = dir.resolve("damaged-" + System.currentTimeMillis());
        Files.createDirectories(aside);
        byte[] all = Files.readAllBytes(r.damageFile);
        Files.write(aside.resolve(r.damageFile.getFileName() + ".from-" + r.damageOffset),
                java.util.Arrays.copyOfRange(all, (int) r.damageOffset, all.length));
        truncate(r.damageFile, r.damageOffset);
        boolean after = false;
        for (Path seg : JournalScanner.segments(dir)) {
            if (after) Files.move(seg, aside.resolve(seg.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            if (seg.equals(r.damageFile)) after = true;
        }
        Log.errorf("journal: damage in %s at byte %d (%s); kept the %d events before it and moved the rest to %s",
                r.damageFile, r.damageOffset, r.damage, r.events, aside);
        r.lastSegment = r.damageFile;
    }

    @Override
    public void close() {
        if (closed) return;
        if (failure == null) {
            try {
                anchor();
            } catch (RuntimeException e) {
                Log.warnf("journal: anchor at close not written: %s", e.getMessage());
            }
        }
        closed = true;
        queue.add(new Pending(null, null, null, null));
        try {
            writer.join(10_000);
            channel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            Log.warnf("journal: close failed: %s", e.getMessage());
        }
    }
}
