package org.emcomm.vsat.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The journal's head written outside its segments (a file {@code head.anchor} in the journal folder), so a journal
 * that lost whole entries at its end, which no CRC or hash link can show, is caught: the start and the offline check
 * compare the journal with it. Written atomically (temporary file, fsync, rename). The InfluxDB archive, when there is
 * one, is the second anchor ({@link EventArchive#lastSeq}).
 */
public record HeadAnchor(long seq, String hash, Instant at) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "head.anchor";

    /** The anchor file of the journal in {@code journalDir}. */
    static Path fileOf(Path journalDir) { return journalDir.resolve(FILE); }

    /** The anchor written last, or null when none was (a journal from before anchors, or a new one). */
    static HeadAnchor read(Path journalDir) throws IOException {
        Path f = fileOf(journalDir);
        if (!Files.isRegularFile(f)) return null;
        JsonNode n;
        try {
            n = JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new IOException("the journal's anchor " + f + " is unreadable: " + e.getMessage(), e);
        }
        if (n == null || !n.has("seq") || !n.has("hash")) throw new IOException("the journal's anchor " + f + " has no seq and hash");
        return new HeadAnchor(n.path("seq").asLong(), n.path("hash").asText(), n.hasNonNull("at") ? Instant.parse(n.path("at").asText()) : null);
    }

    void write(Path journalDir) throws IOException {
        Path f = fileOf(journalDir);
        Path tmp = f.resolveSibling(FILE + ".tmp");
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("seq", seq).put("hash", hash).put("at", at.toString()));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(body));
            ch.force(true);
        }
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What is wrong with the journal ending at {@code head} against this anchor, or null when it agrees. */
    String problem(long headSeq, java.util.function.LongFunction<String> hashAt) {
        if (seq > headSeq) {
            return "the journal ends at seq " + headSeq + " but its anchor (written " + at + ") says seq " + seq
                    + ": whole entries are missing at its end";
        }
        if (seq > 0 && !hash.equals(hashAt.apply(seq))) {
            return "event seq " + seq + " does not have the hash the anchor (written " + at + ") recorded for it: the journal was rewritten";
        }
        return null;
    }
}
