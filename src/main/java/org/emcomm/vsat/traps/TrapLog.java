package org.emcomm.vsat.traps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.Projection;

/** Unknown traps, as recorded in the journal's {@value #STREAM} stream: the newest kept for reading, all counted. */
@ApplicationScoped
public class TrapLog implements Projection {
    public static final String STREAM = "traps";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Entry(long seq, Instant at, JsonNode trap, String reason) {}

    private final int keep;
    private final ArrayDeque<Entry> recent = new ArrayDeque<>();
    private long total;

    TrapLog(EmcommConfig config) { this.keep = config.traps().recent(); }

    @Override
    public String stream() { return STREAM; }

    @Override
    public synchronized void apply(JournalEvent e) {
        try {
            JsonNode p = JSON.readTree(e.payload());
            if (recent.size() == keep) recent.removeFirst();
            recent.addLast(new Entry(e.seq(), e.at(), p.path("trap"), p.path("reason").asText()));
            total++;
        } catch (IOException ex) {
            throw new UncheckedIOException("trap event " + e.seq() + " is not readable", ex);
        }
    }

    /** Newest first. */
    public synchronized List<Entry> unknown() {
        List<Entry> out = new ArrayList<>(recent);
        java.util.Collections.reverse(out);
        return out;
    }

    public synchronized long total() { return total; }
}
