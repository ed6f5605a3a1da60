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

    /** Entries of changes that were stored while their own audit entry could not be (the disk filled between the two):
     * kept in memory, in order, and written with their time when the journal takes records again. */
    private final java.util.ArrayDeque<Kept> kept = new java.util.ArrayDeque<>();

    private record Kept(String actor, String action, String target, String payload, Instant at) {}

    private final java.time.Clock clock;

    AuditTrail(JournalService journal, java.time.Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    /** Not in the constructor: the journal builds its projections, this one among them, as it opens. */
    void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        journal.recordOutagesWith(this::outage);
        journal.onResume(this::writeKept);
    }

    /** The journal's outage of records as an entry; also the write that tells whether records go in again (it throws
     * while they do not). */
    void outage(org.emcomm.vsat.journal.Journal.Outage o, Instant until) {
        ObjectNode changes = JSON.createObjectNode().put("since", o.since().toString()).put("until", until.toString())
                .put("reason", o.reason()).put("refused", o.refused());
        journal.append(STREAM, "audit.journal.outage", "journal", "system",
                payload(new Call("system", List.of(), "journal.outage", "", "", "journal", 507, changes)));
    }

    /** What a call did, as the web layer saw it. */
    public record Call(String actor, List<String> roles, String action, String method, String path, String target,
                       int status, JsonNode changes) {}

    /** Appends the entry to the journal; durable when this returns, or (null) kept in memory while the journal cannot
     * take records, and written when it can. */
    public AuditEntry record(Call call) {
        String text = payload(call);
        Kept k = new Kept(call.actor(), call.action(), call.target(), text, clock.instant());
        synchronized (kept) {
            if (!kept.isEmpty()) {
                kept.add(k);
                return null;
            }
        }
        try {
            return toEntry(journal.append(STREAM, "audit." + call.action(), call.target(), call.actor(), text));
        } catch (org.emcomm.vsat.journal.JournalUnavailableException e) {
            // the change itself is stored and answered 2xx: its audit entry waits in memory rather than turn that into a 507
            synchronized (kept) {
                if (kept.isEmpty()) io.quarkus.logging.Log.warnf("audit: entries are kept in memory until the journal takes records again (%s)", e.getMessage());
                kept.add(k);
            }
            return null;
        }
    }

    private static String payload(Call call) {
        ObjectNode payload = JSON.createObjectNode();
        payload.putPOJO("roles", call.roles());
        payload.put("action", call.action());
        payload.put("method", call.method());
        payload.put("path", call.path());
        payload.put("target", call.target());
        payload.put("status", call.status());
        payload.set("changes", call.changes() == null ? NullNode.getInstance() : call.changes());
        try {
            return JSON.writeValueAsString(payload);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes the kept entries, oldest first, with the times they happened; stops at the first refusal. */
    void writeKept() {
        int written = 0;
        synchronized (kept) {
            for (Kept k; (k = kept.peekFirst()) != null; ) {
                try {
                    journal.append(STREAM, "audit." + k.action(), k.target(), k.actor(), k.payload(), k.at());
                } catch (org.emcomm.vsat.journal.JournalUnavailableException e) {
                    break;
                }
                kept.pollFirst();
                written++;
            }
        }
        if (written > 0) io.quarkus.logging.Log.infof("audit: wrote %d entries kept in memory while records could not be written", written);
    }

    /** Audit entries waiting in memory for the journal. */
    public int kept() {
        synchronized (kept) { return kept.size(); }
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
