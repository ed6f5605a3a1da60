package org.emcomm.vsat.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One immutable record change. {@code seq} orders the whole journal, {@code streamSeq} counts
 * within its stream (incident, drill, audit …). {@code hash} = SHA-256 over the previous
 * event's hash and this event's fields, so rewriting any event breaks every hash after it.
 * The payload is kept as the exact JSON text that was hashed.
 */
public record JournalEvent(long seq, String stream, long streamSeq, Instant at, String type, String entity,
                           String actor, String payload, String prevHash, String hash) {

    /** The hash of "nothing before": the chain's anchor. */
    public static final String GENESIS = "0".repeat(64);

    /** What a caller asks to append; the journal assigns sequence numbers and hashes. */
    public record Draft(String stream, String type, String entity, String actor, String payload, Instant at) {}

    static JournalEvent seal(Draft d, long seq, long streamSeq, String prevHash) {
        String hash = hashOf(seq, d.stream(), streamSeq, d.at(), d.type(), d.entity(), d.actor(), d.payload(), prevHash);
        return new JournalEvent(seq, d.stream(), streamSeq, d.at(), d.type(), d.entity(), d.actor(), d.payload(), prevHash, hash);
    }

    /** True when the stored hash is the hash of the stored fields. */
    public boolean hashMatches() {
        return hash.equals(hashOf(seq, stream, streamSeq, at, type, entity, actor, payload, prevHash));
    }

    static String hashOf(long seq, String stream, long streamSeq, Instant at, String type, String entity,
                         String actor, String payload, String prevHash) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + payload.length());
            DataOutputStream out = new DataOutputStream(bytes);
            field(out, prevHash);
            out.writeLong(seq);
            field(out, stream);
            out.writeLong(streamSeq);
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
            field(out, type);
            field(out, entity);
            field(out, actor);
            field(out, payload);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length-prefixed, so no two different field lists hash the same bytes. */
    private static void field(DataOutputStream out, String s) throws IOException {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        out.writeInt(s == null ? -1 : b.length);
        out.write(b);
    }
}
