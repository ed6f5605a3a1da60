package org.emcomm.vsat.drill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Drill attachments on disk, addressed by their SHA-256: {@code <data-dir>/drills/attachments/<sha256>}.
 * A caller's file name never becomes a path. Bodies are streamed to a temporary file while hashed and
 * counted, refused past the size limit, checked against their declared type, made durable, then moved
 * into place; a read checks the hash again.
 */
final class AttachmentStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The first bytes each binary type starts with; text types are checked as UTF-8 without NUL bytes. */
    private static final Map<String, List<byte[]>> MAGIC = Map.of(
            "application/pdf", List.of("%PDF-".getBytes(StandardCharsets.US_ASCII)),
            "image/png", List.of(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}),
            "image/jpeg", List.of(new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff}),
            DOCX, List.of(new byte[]{'P', 'K', 3, 4}),
            XLSX, List.of(new byte[]{'P', 'K', 3, 4}));
    private static final List<String> TEXT = List.of("text/plain", "text/csv");

    private final Path dir;
    private final long maxBytes;
    private final List<String> allowed;

    record Stored(String sha256, long size, String contentType) {}

    AttachmentStore(Path dir, long maxBytes, List<String> allowed) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.allowed = allowed.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    }

    List<String> allowed() { return allowed; }

    long maxBytes() { return maxBytes; }

    /** The media type without parameters, lower case, or a 415 when it is missing or not allowed. */
    String accept(String contentType) {
        if (contentType == null || contentType.isBlank()) throw DrillException.unsupported("give the file's Content-Type: one of " + String.join(", ", allowed));
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(type)) throw DrillException.unsupported("'" + type + "' is not accepted; use one of " + String.join(", ", allowed));
        if (!MAGIC.containsKey(type) && !TEXT.contains(type)) throw DrillException.unsupported("'" + type + "' has no content check; it cannot be accepted");
        return type;
    }

    Stored store(InputStream body, String contentType) {
        String type = accept(contentType);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "upload-", ".part");
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long size = 0;
                byte[] head = new byte[4096];
                int headLen = 0;
                try (InputStream in = new DigestInputStream(body, sha); OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        size += n;
                        if (size > maxBytes) throw DrillException.tooLarge("the file is larger than the limit of " + maxBytes + " bytes");
                        if (headLen < head.length) {
                            int k = Math.min(n, head.length - headLen);
                            System.arraycopy(buf, 0, head, headLen, k);
                            headLen += k;
                        }
                        out.write(buf, 0, n);
                    }
                }
                if (size == 0) throw DrillException.invalid("body", "the file is empty");
                check(type, head, headLen, tmp);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                String hex = HexFormat.of().formatHex(sha.digest());
                Path target = dir.resolve(hex);
                if (Files.exists(target)) Files.delete(tmp);
                else Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                return new Stored(hex, size, type);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            if (org.emcomm.vsat.journal.JournalUnavailableException.noSpace(e)) {
                throw new org.emcomm.vsat.journal.JournalUnavailableException("the attachment was not stored: no space left on the data disk", e);
            }
            throw new UncheckedIOException("attachment not stored", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(String type, byte[] head, int len, Path file) throws IOException {
        if (TEXT.contains(type)) {
            byte[] all = Files.readAllBytes(file);
            for (byte b : all) if (b == 0) throw DrillException.unsupported("the content is not text: it has NUL bytes");
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(all));
            } catch (CharacterCodingException e) {
                throw DrillException.unsupported("the content is not UTF-8 text");
            }
            return;
        }
        for (byte[] magic : MAGIC.get(type)) {
            if (len >= magic.length && java.util.Arrays.equals(head, 0, magic.length, magic, 0, magic.length)) return;
        }
        throw DrillException.unsupported("the content does not look like " + type);
    }

    /** The stored bytes' path after checking they still hash to {@code sha256}. */
    Path read(String sha256) {
        if (!SHA256.matcher(sha256).matches()) throw new IllegalArgumentException("not a SHA-256: " + sha256);
        Path file = dir.resolve(sha256);
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) sha.update(buf, 0, n);
            String actual = HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(sha256)) throw new IllegalStateException("attachment " + sha256 + " on disk hashes to " + actual + ": it was altered");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("attachment " + sha256 + " is missing from " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
