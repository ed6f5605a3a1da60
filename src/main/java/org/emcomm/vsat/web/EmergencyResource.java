package org.emcomm.vsat.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.emergency.Emergency;
import org.emcomm.vsat.emergency.EmergencyService;
import org.emcomm.vsat.emergency.MajorEvent;
import org.emcomm.vsat.emergency.ReportExports;
import org.emcomm.vsat.emergency.StatusReport;

/** Emergencies, their status reports and the report clock; planned major events (api.md). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
public class EmergencyResource {
    private final EmergencyService emergencies;
    private final EmcommConfig config;
    private final ZonedJson json;
    private final AuditContext audit;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final org.emcomm.vsat.inventory.Inventory inventory;

    EmergencyResource(EmergencyService emergencies, EmcommConfig config, ZonedJson json, AuditContext audit, SecurityIdentity identity, Clock clock,
                      org.emcomm.vsat.inventory.Inventory inventory) {
        this.inventory = inventory;
        this.emergencies = emergencies;
        this.config = config;
        this.json = json;
        this.audit = audit;
        this.identity = identity;
        this.clock = clock;
    }

    public record DeclareBody(String title, String type, List<String> regions, String onsetAt) {}

    public record DraftBody(String kind) {}

    public record NarrativeBody(String summary, String actionsTaken, String restorationEstimate, String nextUpdateAt, String preparedBy) {}

    public record SubmitBody(String approvedBy, String summary, String actionsTaken, String restorationEstimate, String nextUpdateAt,
                             String preparedBy) {}

    public record ApproveBody(String approvedBy) {}

    public record NoteBody(String note) {}

    public record PlanBody(String title, List<String> regions, String startAt, String endAt) {}

    public record CancelBody(String reason) {}

    // ---- emergencies ------------------------------------------------------------------------

    @POST
    @Path("/emergencies")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Declare an emergency", description = "{title, type: EARTHQUAKE|FLOOD|TYPHOON|FIRE|OTHER, regions: [region ids], onsetAt};"
            + " answers 201 with declaredAt and reportDueAt. The affected terminals are polled at once and kept on the fast interval.")
    public Response declare(DeclareBody body) {
        if (body == null) throw ApiException.invalid("title", "a declaration needs a body: title, type, regions, onsetAt");
        Instant onset = Params.instant("onsetAt", body.onsetAt(), config.zone());
        Emergency e = emergencies.declare(new EmergencyService.Declaration(body.title(), body.type(), body.regions(), onset), actor());
        audit.describe("emergency.declare", e.id(), json.tree(body));
        return Response.created(URI.create("/api/emergencies/" + e.id())).entity(detail(e)).build();
    }

    @GET
    @Path("/emergencies")
    @Operation(summary = "Emergencies, newest first, with their report clock", description = "status: OPEN or CLOSED")
    public List<JsonNode> list(@QueryParam("status") String status) {
        Emergency.Status st = status == null ? null : Params.enumOf(Emergency.Status.class, "status", status);
        return emergencies.book().find(e -> st == null || e.status() == st).stream()
                .sorted(Comparator.comparing(Emergency::declaredAt).reversed().thenComparing(Emergency::id, Comparator.reverseOrder()))
                .map(e -> (JsonNode) summary(e)).toList();
    }

    @GET
    @Path("/emergencies/{id}")
    @Operation(summary = "One emergency: report clock (due, submitted, on time, warnings), reports and timeline")
    public JsonNode one(@PathParam("id") String id) {
        return detail(find(id));
    }

    @POST
    @Path("/emergencies/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Close an emergency after its final report is submitted; fast polling of its area ends")
    public JsonNode close(@PathParam("id") String id, NoteBody body) {
        Emergency e = emergencies.close(id, body == null ? null : body.note(), actor());
        audit.describe("emergency.close", id, json.tree(body == null ? new NoteBody(null) : body));
        return detail(e);
    }

    // ---- reports ----------------------------------------------------------------------------

    @POST
    @Path("/emergencies/{id}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Draft a status report from a fresh poll of the affected terminals",
            description = "Answers at once with what is known: facts.poll says how far the fresh poll has come (answered, noAnswer, waiting,"
                    + " complete; per prefecture and county in facts.areas). The service completes the draft's facts when the poll settles."
                    + " kind: INITIAL (until one is submitted), UPDATE or FINAL; a draft that exists is redrafted with fresh facts, its narrative kept")
    public Response draft(@PathParam("id") String id, DraftBody body) {
        StatusReport r = emergencies.draft(id, body == null ? null : body.kind(), actor());
        audit.describe("emergency.report.draft", id + "/" + r.id(), json.mapper().createObjectNode().put("kind", r.kind().name()));
        return Response.created(URI.create("/api/emergencies/" + id + "/reports/" + r.id())).entity(report(r)).build();
    }

    @GET
    @Path("/emergencies/{id}/reports")
    @Operation(summary = "The emergency's reports without their terminal lists")
    public List<JsonNode> reports(@PathParam("id") String id) {
        Emergency e = find(id);
        return e.reports().stream().map(r -> (JsonNode) reportSummary(e, r)).toList();
    }

    @GET
    @Path("/emergencies/{id}/reports/{rid}")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf", MediaType.TEXT_HTML})
    @Operation(summary = "A status report", description = "format: json (default), csv (one row per terminal), pdf (A4, Chinese and English), html (print view);"
            + " annex: true or false lists every terminal in the PDF/HTML or leaves them to the CSV (default: listed up to"
            + " emcomm.emergencies.report.annex-max-terminals)")
    public Response report(@PathParam("id") String id, @PathParam("rid") String rid, @QueryParam("format") String format,
                           @QueryParam("annex") String annex) {
        Emergency e = find(id);
        StatusReport r = e.report(rid);
        if (r == null) throw ApiException.notFound("report", id + "/" + rid);
        String f = format == null ? "json" : format.trim().toLowerCase(Locale.ROOT);
        ZoneId zone = config.zone();
        String name = id + "-" + rid;
        Boolean withAnnex = annex == null ? null : Params.bool("annex", annex);
        ReportExports.Options options = new ReportExports.Options(config.emergencies().report(), withAnnex, regionId -> {
            var region = inventory.region(regionId);
            return region == null ? null : region.name();
        });
        return switch (f) {
            case "json" -> Response.ok(report(r), MediaType.APPLICATION_JSON).build();
            case "csv" -> Response.ok(ReportExports.csv(e, r, zone).getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
            case "pdf" -> Response.ok(ReportExports.pdf(e, r, zone, options), "application/pdf")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".pdf\"").build();
            case "html" -> Response.ok(ReportExports.html(e, r, zone, options), "text/html; charset=utf-8").build();
            default -> throw ApiException.invalid("format", "'" + format + "' is not one of json, csv, pdf, html");
        };
    }

    @PATCH
    @Path("/emergencies/{id}/reports/{rid}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Edit a draft's narrative: summary, actionsTaken, restorationEstimate, nextUpdateAt, preparedBy (fields given are changed)")
    public JsonNode edit(@PathParam("id") String id, @PathParam("rid") String rid, NarrativeBody body) {
        StatusReport.Narrative n = body == null ? null : narrative(body.summary(), body.actionsTaken(), body.restorationEstimate(), body.nextUpdateAt(), body.preparedBy());
        StatusReport r = emergencies.edit(id, rid, n, actor());
        audit.describe("emergency.report.edit", id + "/" + rid, json.tree(body));
        return report(r);
    }

    @POST
    @Path("/emergencies/{id}/reports/{rid}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Approve a draft (approvedBy: the approving person's name; default the caller)")
    public JsonNode approve(@PathParam("id") String id, @PathParam("rid") String rid, ApproveBody body) {
        StatusReport r = emergencies.approve(id, rid, body == null ? null : body.approvedBy(), actor());
        audit.describe("emergency.report.approve", id + "/" + rid, json.mapper().createObjectNode().put("approvedBy", r.approvedBy()));
        return report(r);
    }

    @POST
    @Path("/emergencies/{id}/reports/{rid}/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Submit a draft: the submission time is what the timeliness indicator measures",
            description = "approvedBy is required unless the draft was approved; narrative fields may be given here too")
    public JsonNode submit(@PathParam("id") String id, @PathParam("rid") String rid, SubmitBody body) {
        SubmitBody b = body == null ? new SubmitBody(null, null, null, null, null, null) : body;
        StatusReport.Narrative n = narrative(b.summary(), b.actionsTaken(), b.restorationEstimate(), b.nextUpdateAt(), b.preparedBy());
        StatusReport r = emergencies.submit(id, rid, n, b.approvedBy(), actor());
        audit.describe("emergency.report.submit", id + "/" + rid, json.tree(b));
        return report(r);
    }

    // ---- major events -----------------------------------------------------------------------

    @POST
    @Path("/major-events")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Plan a major event (regions and window) that support tasks serve")
    public Response plan(PlanBody body) {
        if (body == null) throw ApiException.invalid("title", "a major event needs a body: title, regions, startAt, endAt");
        ZoneId zone = config.zone();
        MajorEvent m = emergencies.plan(new EmergencyService.Plan(body.title(), body.regions(), Params.instant("startAt", body.startAt(), zone),
                Params.instant("endAt", body.endAt(), zone)), actor());
        audit.describe("major-event.plan", m.id(), json.tree(body));
        return Response.created(URI.create("/api/major-events/" + m.id())).entity(json.tree(m)).build();
    }

    @GET
    @Path("/major-events")
    @Operation(summary = "Planned major events")
    public List<JsonNode> events() {
        return emergencies.book().events().stream().map(json::tree).toList();
    }

    @GET
    @Path("/major-events/{id}")
    @Operation(summary = "One planned major event")
    public JsonNode event(@PathParam("id") String id) {
        MajorEvent m = emergencies.book().event(id);
        if (m == null) throw ApiException.notFound("major event", id);
        return json.tree(m);
    }

    @POST
    @Path("/major-events/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Cancel a planned major event (reason mandatory)")
    public JsonNode cancelEvent(@PathParam("id") String id, CancelBody body) {
        MajorEvent m = emergencies.cancelEvent(id, body == null ? null : body.reason(), actor());
        audit.describe("major-event.cancel", id, json.tree(body));
        return json.tree(m);
    }

    // ---- views ------------------------------------------------------------------------------

    private StatusReport.Narrative narrative(String summary, String actions, String restoration, String nextUpdate, String preparedBy) {
        return new StatusReport.Narrative(summary, actions, restoration, Params.instant("nextUpdateAt", nextUpdate, config.zone()), preparedBy);
    }

    private Emergency find(String id) {
        Emergency e = emergencies.book().get(id);
        if (e == null) throw ApiException.notFound("emergency", id);
        return e;
    }

    private ObjectNode summary(Emergency e) {
        ObjectNode n = json.mapper().createObjectNode().put("id", e.id()).put("title", e.title()).put("type", e.type().name());
        ArrayNode regions = n.putArray("regions");
        e.regions().forEach(regions::add);
        n.set("onsetAt", json.tree(e.onsetAt()));
        n.set("declaredAt", json.tree(e.declaredAt()));
        n.set("reportDueAt", json.tree(e.clock().dueAt()));
        n.put("status", e.status().name());
        n.set("clock", clock(e));
        n.put("reports", e.reports().size());
        n.put("href", "/api/emergencies/" + e.id());
        return n;
    }

    private ObjectNode detail(Emergency e) {
        ObjectNode n = summary(e);
        n.put("declaredBy", e.declaredBy());
        if (e.closedAt() != null) {
            n.set("closedAt", json.tree(e.closedAt()));
            n.put("closedBy", e.closedBy());
            if (e.closeNote() != null) n.put("closeNote", e.closeNote());
        }
        org.emcomm.vsat.polling.FreshPoll.Progress poll = e.open() ? emergencies.pollProgress(e.id()) : null;
        if (poll != null) n.set("freshPoll", json.tree(poll));
        ArrayNode reports = n.putArray("reports");
        e.reports().forEach(r -> reports.add(reportSummary(e, r)));
        n.set("timeline", json.tree(e.timeline()));
        return n;
    }

    /** The clock as people read it: state, time left or overdue by, and each warning given. */
    private ObjectNode clock(Emergency e) {
        Emergency.Clock c = e.clock();
        Instant now = clock.instant();
        Emergency.Clock.State state = c.state(now);
        ObjectNode n = json.mapper().createObjectNode().put("basis", c.basis()).put("limit", c.limit().toString());
        n.set("startsAt", json.tree(c.startsAt()));
        n.set("dueAt", json.tree(c.dueAt()));
        n.put("state", state.name());
        if (c.submittedAt() != null) {
            n.set("submittedAt", json.tree(c.submittedAt()));
            n.put("onTime", c.onTime());
            n.put("tookSeconds", c.took().toSeconds());
        } else if (state == Emergency.Clock.State.RUNNING) {
            n.put("secondsLeft", Duration.between(now, c.dueAt()).toSeconds());
        }
        if (state == Emergency.Clock.State.OVERDUE) n.put("overdueBySeconds", Duration.between(c.dueAt(), now).toSeconds());
        if (state == Emergency.Clock.State.LATE) n.put("lateBySeconds", Duration.between(c.dueAt(), c.submittedAt()).toSeconds());
        if (c.overdueAt() != null) n.set("overdueAt", json.tree(c.overdueAt()));
        ArrayNode w = n.putArray("warnings");
        for (Emergency.Warning x : c.warnings()) {
            ObjectNode o = w.addObject().put("left", x.left().toString()).put("leftMinutes", x.left().toMinutes());
            o.set("at", json.tree(x.at()));
        }
        return n;
    }

    private ObjectNode reportSummary(Emergency e, StatusReport r) {
        ObjectNode n = json.mapper().createObjectNode().put("id", r.id()).put("number", r.number()).put("kind", r.kind().name())
                .put("status", r.status().name());
        n.set("draftedAt", json.tree(r.draftedAt()));
        if (r.submittedAt() != null) n.set("submittedAt", json.tree(r.submittedAt()));
        if (r.facts() != null) {
            n.set("counts", json.tree(r.facts().counts()));
            n.set("poll", json.tree(r.facts().poll()));
        }
        n.put("href", "/api/emergencies/" + e.id() + "/reports/" + r.id());
        return n;
    }

    private JsonNode report(StatusReport r) {
        ObjectNode n = (ObjectNode) json.tree(r);
        n.put("href", "/api/emergencies/" + r.emergency() + "/reports/" + r.id());
        if (r.facts() != null && r.facts().counts().total() == 0) n.put("note", "No terminals in this area / 区域内没有终端");
        return n;
    }

    private String actor() { return identity.getPrincipal().getName(); }
}
