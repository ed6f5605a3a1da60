package org.emcomm.vsat.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.incident.Condition;
import org.emcomm.vsat.incident.Incident;
import org.emcomm.vsat.incident.IncidentService;
import org.emcomm.vsat.incident.IncidentStatus;
import org.emcomm.vsat.incident.ResponseLevel;

@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
public class IncidentResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IncidentService incidents;
    private final EmcommConfig config;
    private final AuditContext audit;
    private final SecurityIdentity identity;

    IncidentResource(IncidentService incidents, EmcommConfig config, AuditContext audit, SecurityIdentity identity) {
        this.incidents = incidents;
        this.config = config;
        this.audit = audit;
        this.identity = identity;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String id, String condition, String scopeKind, String scopeId, String title, IncidentStatus status,
                          String level, boolean major, OffsetDateTime openedAt, OffsetDateTime lastSeen, int count,
                          int children, long activeChildren, OffsetDateTime resolvedAt, String resolution) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String id, String key, String condition, String scopeKind, String scopeId, String title, IncidentStatus status,
                         String level, String levelColour, boolean major, Classification classification, String source,
                         OffsetDateTime detectedAt, OffsetDateTime openedAt, OffsetDateTime lastSeen, int count, int reopened,
                         OffsetDateTime acknowledgedAt, String acknowledgedBy, OffsetDateTime resolvedAt, String resolvedBy,
                         String resolution, String mergedInto, List<Child> children, List<Entry> timeline) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Classification(String rule, String ruleVersion, boolean manual, String reason, String by, OffsetDateTime at) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Child(String terminal, OffsetDateTime attachedAt, OffsetDateTime recoveredAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(long seq, OffsetDateTime at, String type, String actor, String text) {}

    public record NoteBody(String note) {}

    public record ClassifyBody(Boolean major, String level, String reason) {}

    @GET
    @Operation(summary = "Incidents, newest first", description = "status: OPEN, ACKNOWLEDGED, RESOLVED, or ACTIVE (open or acknowledged);"
            + " from/to: incidents active at some time in [from, to); terminal: about the terminal or carrying it as a child")
    public List<Summary> list(@QueryParam("status") String status, @QueryParam("major") String major, @QueryParam("from") String from,
                              @QueryParam("to") String to, @QueryParam("terminal") String terminal, @QueryParam("condition") String condition) {
        ZoneId zone = config.zone();
        String st = status == null ? null : status.trim().toUpperCase(Locale.ROOT);
        if (st != null && !st.equals("ACTIVE") && !List.of("OPEN", "ACKNOWLEDGED", "RESOLVED").contains(st)) {
            throw ApiException.invalid("status", "'" + status + "' is not one of OPEN, ACKNOWLEDGED, RESOLVED, ACTIVE");
        }
        Boolean maj = Params.bool("major", major);
        Condition cond = condition == null ? null : Params.enumOf(Condition.class, "condition", condition);
        Instant f = Params.instant("from", from, zone), t = Params.instant("to", to, zone);
        if (f != null && t != null && !f.isBefore(t)) throw ApiException.invalid("from", "must be before to");
        return incidents.book().find(i -> (st == null || (st.equals("ACTIVE") ? i.active() : i.status().name().equals(st)))
                        && (maj == null || i.major() == maj)
                        && (cond == null || i.condition() == cond)
                        && (t == null || i.openedAt().isBefore(t))
                        && (f == null || i.resolvedAt() == null || !i.resolvedAt().isBefore(f))
                        && (terminal == null || about(i, terminal)))
                .stream().sorted(Comparator.comparing(Incident::openedAt).reversed().thenComparing(Incident::id, Comparator.reverseOrder()))
                .map(i -> summary(i, zone)).toList();
    }

    private static boolean about(Incident i, String terminal) {
        return i.scope().kind() == org.emcomm.vsat.incident.Scope.Kind.TERMINAL && i.scope().id().equals(terminal)
                || i.children().stream().anyMatch(c -> c.terminal().equals(terminal));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One incident with its timeline, affected terminals, classification and the rule applied")
    public Detail one(@PathParam("id") String id) {
        Incident i = incidents.book().get(id);
        if (i == null) throw ApiException.notFound("incident", id);
        return detail(i, config.zone());
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Acknowledge (OPEN → ACKNOWLEDGED); the note is optional")
    public Detail acknowledge(@PathParam("id") String id, NoteBody body) {
        return step("incident.acknowledge", id, body, incidents::acknowledge);
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Resolve by hand; the note saying what was done is mandatory")
    public Detail resolve(@PathParam("id") String id, NoteBody body) {
        return step("incident.resolve", id, body, incidents::resolve);
    }

    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Add a note to the timeline")
    public Detail note(@PathParam("id") String id, NoteBody body) {
        return step("incident.note", id, body, incidents::note);
    }

    @POST
    @Path("/{id}/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Reclassify: major flag and/or response level I-IV, with a mandatory reason (admin)")
    public Detail classify(@PathParam("id") String id, ClassifyBody body) {
        if (body == null) throw ApiException.invalid("reason", "a reclassification needs a body with a reason");
        ResponseLevel level = body.level() == null ? null : Params.enumOf(ResponseLevel.class, "level", body.level());
        Incident before = incidents.book().get(id);
        Incident i = incidents.classify(id, actor(), body.major(), level, body.reason());
        var changes = JSON.createObjectNode();
        changes.putObject("before").put("major", before.major()).put("level", before.level().name());
        changes.putObject("after").put("major", i.major()).put("level", i.level().name());
        changes.put("reason", body.reason());
        audit.describe("incident.classify", id, changes);
        return detail(i, config.zone());
    }

    /** A lifecycle step with a note: (incident id, actor, note) → the incident after it. */
    private interface Step {
        Incident apply(String id, String actor, String note);
    }

    private Detail step(String action, String id, NoteBody body, Step step) {
        NoteBody b = body == null ? new NoteBody(null) : body;
        Incident i = step.apply(id, actor(), b.note());
        audit.describe(action, id, JSON.valueToTree(b));
        return detail(i, config.zone());
    }

    private String actor() { return identity.getPrincipal().getName(); }

    static Summary summary(Incident i, ZoneId zone) {
        return new Summary(i.id(), i.condition().name(), i.scope().kind().name(), i.scope().id(), i.title(), i.status(), i.level().name(),
                i.major(), Views.time(i.openedAt(), zone), Views.time(i.lastSeen(), zone), i.count(), i.children().size(),
                i.activeChildren(), Views.time(i.resolvedAt(), zone), i.resolution());
    }

    static Detail detail(Incident i, ZoneId zone) {
        var c = i.classification();
        return new Detail(i.id(), i.key(), i.condition().name(), i.scope().kind().name(), i.scope().id(), i.title(), i.status(),
                i.level().name(), i.level().colour(), i.major(),
                new Classification(c.rule(), c.ruleVersion(), c.manual(), c.reason(), c.by(), Views.time(c.at(), zone)), i.source(),
                Views.time(i.detectedAt(), zone), Views.time(i.openedAt(), zone), Views.time(i.lastSeen(), zone), i.count(), i.reopened(),
                Views.time(i.acknowledgedAt(), zone), i.acknowledgedBy(), Views.time(i.resolvedAt(), zone), i.resolvedBy(), i.resolution(),
                i.mergedInto(),
                i.children().stream().map(ch -> new Child(ch.terminal(), Views.time(ch.attachedAt(), zone), Views.time(ch.recoveredAt(), zone))).toList(),
                i.timeline().stream().map(e -> new Entry(e.seq(), Views.time(e.at(), zone), e.type(), e.actor(), e.text())).toList());
    }

}
