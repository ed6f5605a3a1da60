package org.emcomm.vsat.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.JournalService;
import org.emcomm.vsat.journal.Projection;

/** The audit trail: one journal event per mutating call, and its projection for reading. */
@ApplicationScoped
public class AuditTrail implements Projection {
    public static final String STREAM = "audit";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JournalService journal;
    private final List<AuditEntry> entries = new ArrayList<>();

    AuditTrail(JournalService journal) {
        this.journal = journal;
    }

    /** What a call did, as the web layer saw it. */
    public record Call(String actor, List<String> roles, String action, String method, String path, String target,
                       int status, JsonNode changes) {}

    /** Appends the entry to the journal; durable when this returns. */
    public AuditEntry record(Call call) {
        ObjectNode payload = JSON.createObjectNode();
        payload.putPOJO("roles", call.roles());
        payload.put("action", call.action());
        payload.put("method", call.method());
        payload.put("path", call.path());
        payload.put("target", call.target());
        payload.put("status", call.status());
        payload.set("changes", call.changes() == null ? NullNode.getInstance() : call.changes());
        try {
            JournalEvent e = journal.append(STREAM, "audit." + call.action(), call.target(), call.actor(), JSON.writeValueAsString(payload));
            return toEntry(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String stream() { return STREAM; }

    @Override
    public void apply(JournalEvent e) {
        AuditEntry entry = toEntry(e);
        synchronized (entries) { entries.add(entry); }
    }

    /** Entries with {@code from <= at < to}, oldest first; either bound may be null. */
    public List<AuditEntry> between(Instant from, Instant to) {
        List<AuditEntry> out = new ArrayList<>();
        synchronized (entries) {
            for (AuditEntry a : entries) {
                if ((from == null || !a.at().isBefore(from)) && (to == null || a.at().isBefore(to))) out.add(a);
            }
        }
        return out;
    }

    static AuditEntry toEntry(JournalEvent e) {
        try {
            JsonNode p = JSON.readTree(e.payload());
            List<String> roles = new ArrayList<>();
            p.path("roles").forEach(r -> roles.add(r.asText()));
            return new AuditEntry(e.seq(), e.at(), e.actor(), List.copyOf(roles), p.path("action").asText(),
                    p.path("method").asText(), p.path("path").asText(), p.path("target").isNull() ? null : p.path("target").asText(null),
                    p.path("status").asInt(), p.get("changes"));
        } catch (IOException ex) {
            throw new UncheckedIOException("audit event " + e.seq() + " is not readable", ex);
        }
    }
}
