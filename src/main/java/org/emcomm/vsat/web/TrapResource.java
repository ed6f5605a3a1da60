package org.emcomm.vsat.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.notification.WebhookNotifier;
import org.emcomm.vsat.traps.TrapLog;
import org.emcomm.vsat.traps.TrapService;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.REVIEWER, Roles.ADMIN})
public class TrapResource {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final TrapService traps;
    private final TrapLog log;
    private final WebhookNotifier notifier;
    private final EmcommConfig config;

    TrapResource(TrapService traps, TrapLog log, WebhookNotifier notifier, EmcommConfig config) {
        this.traps = traps;
        this.log = log;
        this.notifier = notifier;
        this.config = config;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** {@code name}: the trap's object name (from the MIB files of emcomm.mibs.dir, else the profiles); each varbind has one too when known. */
    public record TrapView(OffsetDateTime at, Long seq, String source, String agentAddress, String version, String security, String securityLevel,
                           String credential, String oid, String name, boolean inform, String terminal, String outcome, String reason, JsonNode varbinds) {}

    /** {@code dropped}: traps a flood pushed past the full queue since start; {@code queued}/{@code queueCapacity}: waiting now;
     * {@code rejected}: refused since start, by reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrapsView(long unknownTotal, long dropped, int queued, int queueCapacity, java.util.Map<String, Long> rejected, List<TrapView> traps,
                            List<RefusedView> refused) {}

    /** A trap or inform refused at the door; {@code source} is absent for the USM's own refusals (unknown user, wrong digest). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RefusedView(OffsetDateTime at, String source, String version, String securityLevel, String user, String reason) {}

    @GET
    @Path("/traps")
    @Operation(summary = "Traps received since start-up with what came of each (newest first); unknown=true: the unknown"
            + " traps recorded in the journal, across restarts; rejected=true: the traps and informs refused at the door (not the"
            + " sender's credential, version or security level, or refused by USM), by reason")
    public TrapsView traps(@QueryParam("unknown") String unknown, @QueryParam("rejected") String rejected) {
        if (Boolean.TRUE.equals(Params.bool("rejected", rejected))) {
            return new TrapsView(log.total(), traps.dropped(), traps.queued(), traps.queueCapacity(), traps.refusedByReason(), List.of(),
                    traps.refused().stream().map(r -> new RefusedView(Views.time(r.at(), config.zone()), r.source(), r.version(), r.securityLevel(),
                            r.user(), r.reason())).toList());
        }
        if (Boolean.TRUE.equals(Params.bool("unknown", unknown))) {
            return view(log.unknown().stream().map(e -> new TrapView(Views.time(e.at(), config.zone()), e.seq(),
                    e.trap().path("source").asText(null), e.trap().path("agentAddress").asText(null), e.trap().path("version").asText(null),
                    e.trap().path("security").asText(null), e.trap().path("securityLevel").asText(null), e.trap().path("credential").asText(null),
                    e.trap().path("oid").asText(null), traps.names().name(e.trap().path("oid").asText(null)), e.trap().path("inform").asBoolean(), null,
                    "UNKNOWN", e.reason(), named(e.trap().path("varbinds")))).toList());
        }
        return view(traps.recent().stream().map(r -> new TrapView(Views.time(r.at(), config.zone()), null,
                r.trap().source(), r.trap().agentAddress(), r.trap().version(), r.trap().security(), r.trap().securityLevel(), r.trap().credential(),
                r.trap().oid(), traps.names().name(r.trap().oid()), r.trap().inform(), r.terminal(), r.condition() != null ? r.condition() : "UNKNOWN", r.reason(),
                named(JSON.valueToTree(r.trap().varbinds())))).toList());
    }

    /** The varbinds with the name of each OID where one is known. */
    private JsonNode named(JsonNode varbinds) {
        if (!varbinds.isArray()) return varbinds;
        com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
        for (JsonNode v : varbinds) {
            com.fasterxml.jackson.databind.node.ObjectNode o = v.deepCopy();
            String name = traps.names().name(v.path("oid").asText(null));
            if (name != null && o.get("name") == null) o.put("name", name);
            out.add(o);
        }
        return out;
    }

    /** These traps with the counters every answer carries. */
    private TrapsView view(List<TrapView> list) {
        return new TrapsView(log.total(), traps.dropped(), traps.queued(), traps.queueCapacity(), traps.refusedByReason(), list, null);
    }

    @GET
    @Path("/notifications")
    @Operation(summary = "Webhooks: deliveries made, given up (with their errors) and waiting")
    public List<WebhookNotifier.Status> notifications() {
        return notifier.status();
    }
}
