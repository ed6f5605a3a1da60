package org.emcomm.vsat.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.emcomm.vsat.audit.AuditTrail;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.journal.Journal;
import org.emcomm.vsat.journal.JournalService;
import org.emcomm.vsat.journal.Verification;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
public class AuditResource {
    private final AuditTrail trail;
    private final JournalService journal;
    private final EmcommConfig config;

    AuditResource(AuditTrail trail, JournalService journal, EmcommConfig config) {
        this.trail = trail;
        this.journal = journal;
        this.config = config;
    }

    public record AuditView(long seq, OffsetDateTime at, String actor, List<String> roles, String action, String method,
                            String path, String target, int status, JsonNode changes) {}

    @GET
    @Path("/audit")
    @Operation(summary = "Audit trail: every mutating call with actor, roles, time, action, target and what changed",
            description = "from/to: ISO-8601 with offset (or a date); from inclusive, to exclusive")
    public List<AuditView> audit(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant f = Params.instant("from", from, config.zone());
        Instant t = Params.instant("to", to, config.zone());
        if (f != null && t != null && !f.isBefore(t)) throw ApiException.invalid("to", "must be after from");
        return trail.between(f, t).stream().map(a -> new AuditView(a.seq(), Views.time(a.at(), config.zone()), a.actor(),
                a.roles(), a.action(), a.method(), a.path(), a.target(), a.status(), a.changes())).toList();
    }

    @GET
    @Path("/journal/verify")
    @Operation(summary = "Read the whole journal and check every CRC, sequence number and hash link",
            description = "ok=false names the file and byte offset of the first problem")
    public Verification verify() {
        return journal.verify();
    }

    @GET
    @Path("/journal/head")
    @Operation(summary = "The hash-chain head: the last event's sequence number and hash")
    public Journal.Head head() {
        return journal.head();
    }
}
