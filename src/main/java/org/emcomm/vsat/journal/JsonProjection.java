package org.emcomm.vsat.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A projection whose events carry JSON payloads: each arrives parsed. */
public abstract class JsonProjection implements Projection {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public final void apply(JournalEvent e) {
        JsonNode payload;
        try {
            payload = JSON.readTree(e.payload());
        } catch (IOException ex) {
            throw new UncheckedIOException(stream() + " event " + e.seq() + " is not readable", ex);
        }
        apply(e, payload);
    }

    protected abstract void apply(JournalEvent e, JsonNode payload);
}
