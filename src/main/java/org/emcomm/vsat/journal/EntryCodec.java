package org.emcomm.vsat.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** One journal entry on disk: {@code [int length][int CRC32C of the body][body: the event as JSON]}. */
final class EntryCodec {
    static final int HEADER = 8;
    /** Larger lengths are damage, not data: no record comes near this. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private EntryCodec() {}

    static byte[] body(JournalEvent e) {
        try {
            return JSON.writeValueAsBytes(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static JournalEvent parse(byte[] body) throws IOException {
        return JSON.readValue(body, JournalEvent.class);
    }

    static void write(ByteBuffer out, byte[] body) {
        out.putInt(body.length);
        out.putInt(crc(body));
        out.put(body);
    }

    static int crc(byte[] body) {
        CRC32C c = new CRC32C();
        c.update(body, 0, body.length);
        return (int) c.getValue();
    }
}
