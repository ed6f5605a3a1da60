package org.emcomm.vsat.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Reads every segment in order, checking each entry's CRC, sequence and hash chain. Never writes. */
final class JournalScanner {
    static final String SUFFIX = ".seg";

    /** Where reading stopped and why. {@code tornAt >= 0}: the last segment ends in a half-written
     * entry from a crash; {@code damage != null}: bad bytes with good data after them, or a broken chain. */
    static final class Result {
        long events;
        long lastSeq;
        String lastHash = JournalEvent.GENESIS;
        final Map<String, Long> streamSeqs = new HashMap<>();
        Path lastSegment;
        long validEnd;
        long tornAt = -1;
        long tornBytes;
        Path damageFile;
        long damageOffset;
        String damage;
    }

    private JournalScanner() {}

    static List<Path> segments(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    static Result scan(Path dir, Consumer<JournalEvent> sink) throws IOException {
        Result r = new Result();
        List<Path> segments = segments(dir);
        for (int i = 0; i < segments.size(); i++) {
            Path seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            r.lastSegment = seg;
            r.validEnd = 0;
            if (!scanSegment(seg, last, r, sink)) return r;
        }
        return r;
    }

    /** @return false when reading must stop (damage or a torn tail). */
    private static boolean scanSegment(Path seg, boolean last, Result r, Consumer<JournalEvent> sink) throws IOException {
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer header = ByteBuffer.allocate(EntryCodec.HEADER);
            while (pos < size) {
                header.clear();
                int n = ch.read(header, pos);
                if (n < EntryCodec.HEADER) return torn(r, seg, last, ch, pos, size, "a header cut short");
                header.flip();
                int len = header.getInt();
                int crc = header.getInt();
                if (len <= 0 || len > EntryCodec.MAX_BODY) {
                    // only never-written space (zeros to the end) is a torn tail; anything else is a damaged length
                    if (last && zerosFrom(ch, pos, size)) return torn(r, seg, true, ch, pos, size, "unwritten space");
                    return damage(r, seg, pos, "impossible entry length " + len);
                }
                if (pos + EntryCodec.HEADER + len > size) {
                    // a crash leaves the last entry cut short at the file's end; a damaged length points past the end
                    // too, but good entries follow it: a torn tail is one after which no entry can be found
                    if (last && !entryFollows(ch, pos + 1, size)) return torn(r, seg, true, ch, pos, size, "an entry cut short");
                    return damage(r, seg, pos, "entry length " + len + " reaches past the end of the file, with good entries after it"
                            + " (a damaged length, not a torn tail)");
                }
                ByteBuffer body = ByteBuffer.allocate(len);
                ch.read(body, pos + EntryCodec.HEADER);
                byte[] bytes = body.array();
                long end = pos + EntryCodec.HEADER + len;
                if (EntryCodec.crc(bytes) != crc) {
                    // a body the crash left unwritten ends in zeros (a complete JSON body ends in '}'), with nothing after it
                    if (last && bytes[len - 1] == 0 && zerosFrom(ch, end, size)) return torn(r, seg, true, ch, pos, size, "an entry never fully written");
                    return damage(r, seg, pos, "CRC mismatch");
                }
                JournalEvent e;
                try {
                    e = EntryCodec.parse(bytes);
                } catch (IOException ex) {
                    return damage(r, seg, pos, "unreadable entry (" + ex.getMessage() + ")");
                }
                String broken = chainProblem(r, e);
                if (broken != null) return damage(r, seg, pos, broken);
                r.events++;
                r.lastSeq = e.seq();
                r.lastHash = e.hash();
                r.streamSeqs.put(e.stream(), e.streamSeq());
                sink.accept(e);
                pos = end;
                r.validEnd = pos;
            }
            return true;
        }
    }

    static String chainProblem(Result r, JournalEvent e) {
        if (e.seq() != r.lastSeq + 1) return "event seq " + e.seq() + " follows seq " + r.lastSeq;
        if (!e.prevHash().equals(r.lastHash)) return "event seq " + e.seq() + " does not chain to the hash before it";
        if (!e.hashMatches()) return "event seq " + e.seq() + " does not match its own hash (its content was changed)";
        long streamBefore = r.streamSeqs.getOrDefault(e.stream(), 0L);
        if (e.streamSeq() != streamBefore + 1) {
            return "event seq " + e.seq() + " has stream " + e.stream() + " number " + e.streamSeq() + " after " + streamBefore;
        }
        return null;
    }

    /** A crash can only leave the last segment's tail half-written. */
    private static boolean torn(Result r, Path seg, boolean last, FileChannel ch, long pos, long size, String what) {
        if (!last) return damage(r, seg, pos, what + " inside an older segment");
        r.tornAt = pos;
        r.tornBytes = size - pos;
        return false;
    }

    /** Whether a whole, CRC-true entry starts anywhere in [from, size): data a torn tail cannot have after it. */
    static boolean entryFollows(FileChannel ch, long from, long size) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(EntryCodec.HEADER + 1);
        for (long p = from; p + EntryCodec.HEADER < size; p++) {
            header.clear();
            if (ch.read(header, p) < EntryCodec.HEADER + 1) return false;
            int len = header.getInt(0), crc = header.getInt(4);
            // every body is a JSON object: a cheap test before the CRC
            if (len <= 0 || len > EntryCodec.MAX_BODY || p + EntryCodec.HEADER + len > size || header.get(8) != '{') continue;
            ByteBuffer body = ByteBuffer.allocate(len);
            ch.read(body, p + EntryCodec.HEADER);
            if (EntryCodec.crc(body.array()) == crc) return true;
        }
        return false;
    }

    private static boolean zerosFrom(FileChannel ch, long from, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long p = from;
        while (p < size) {
            buf.clear();
            int n = ch.read(buf, p);
            if (n <= 0) break;
            for (int i = 0; i < n; i++) if (buf.get(i) != 0) return false;
            p += n;
        }
        return true;
    }

    private static boolean damage(Result r, Path seg, long offset, String what) {
        r.damageFile = seg;
        r.damageOffset = offset;
        r.damage = what;
        return false;
    }
}
