package org.emcomm.vsat.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.drill.Drill;
import org.emcomm.vsat.drill.DrillExports;
import org.emcomm.vsat.drill.DrillService;
import org.emcomm.vsat.drill.DrillYear;

/** Drills: plan, run with live verification, close with the after-action record; the year plan; exports (api.md). */
@Path("/api/drills")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
public class DrillResource {
    private final DrillService drills;
    private final EmcommConfig config;
    private final ZonedJson json;
    private final AuditContext audit;
    private final SecurityIdentity identity;
    private final Clock clock;

    DrillResource(DrillService drills, EmcommConfig config, ZonedJson json, AuditContext audit, SecurityIdentity identity, Clock clock) {
        this.drills = drills;
        this.config = config;
        this.json = json;
        this.audit = audit;
        this.identity = identity;
        this.clock = clock;
    }

    public record PlanBody(String codeName, String title, String type, String scope, String purpose, String organiser, List<String> coOrganisers,
                           String plannedStart, String plannedEnd, String location, String scenario, String simulatedLevel, List<String> objectives,
                           List<String> subjects, List<DrillService.ParticipantInput> participants, DrillService.ResourcesInput resources,
                           List<String> regions, List<String> terminals) {}

    public record EventBody(String kind, String at, String content, String expectedAction, String observedAction, String objective) {}

    public record ActionBody(String title, String owner, String dueAt, String objective) {}

    public record ActionUpdateBody(String status, String owner, String dueAt, String note) {}

    public record CompleteBody(String actualEnd, List<DrillService.RatingInput> ratings, List<String> strengths, List<String> improvements,
                               List<ActionBody> correctiveActions, String summary, DrillService.SignOffInput signOff) {}

    public record CancelBody(String reason) {}

    // ---- plan -------------------------------------------------------------------------------

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Plan a drill", description = "{codeName, type: TABLETOP|LIVE|DRILL|FUNCTIONAL|FULL_SCALE, scope?: SINGLE_FUNCTION|COMBINED,"
            + " purpose?: TEST|DEMONSTRATION|RESEARCH, organiser, coOrganisers?, plannedStart, plannedEnd, location?, scenario?, simulatedLevel?: I..IV,"
            + " objectives: [text], subjects?, participants?: [{organisation, role: PLAYER|CONTROLLER|EVALUATOR|OBSERVER, name?, count?}],"
            + " resources?: {people, vehicles, satelliteCapacity, notes}, regions?: [region ids], terminals?: [terminal ids]} → 201, status PLANNED")
    public Response plan(PlanBody b) {
        Drill d = drills.plan(input(b), actor());
        audit.describe("drill.plan", d.id(), json.tree(b));
        return Response.created(URI.create("/api/drills/" + d.id())).entity(view(d)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Change a planned drill's plan (the fields given)")
    public JsonNode revise(@PathParam("id") String id, PlanBody b) {
        Drill before = drills.book().get(id);
        Drill d = drills.revise(id, input(b), actor());
        ObjectNode changes = json.mapper().createObjectNode();
        changes.set("request", json.tree(b));
        if (before != null) changes.put("before", "plannedStart " + before.plannedStart() + ", plannedEnd " + before.plannedEnd() + ", terminals " + before.terminals().size());
        audit.describe("drill.revise", id, changes);
        return view(d);
    }

    /** The plan body with its times read (errors name the field). */
    private DrillService.PlanInput input(PlanBody b) {
        if (b == null) return null;
        ZoneId zone = config.zone();
        return new DrillService.PlanInput(b.codeName(), b.title(), b.type(), b.scope(), b.purpose(), b.organiser(), b.coOrganisers(),
                    Params.instant("plannedStart", b.plannedStart(), zone), Params.instant("plannedEnd", b.plannedEnd(), zone), b.location(), b.scenario(),
                    b.simulatedLevel(), b.objectives(), b.subjects(), b.participants(), b.resources(), b.regions(), b.terminals());
    }

    // ---- read -------------------------------------------------------------------------------

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "The year's drills", description = "year (default: this year in the configured zone; a drill belongs to the year it was"
            + " completed in, else started in, else planned for); status: PLANNED, IN_PROGRESS, COMPLETED, CANCELLED; format: json or csv (the drill log)")
    public Response list(@QueryParam("year") String year, @QueryParam("status") String status, @QueryParam("format") String format) {
        int y = year(year);
        Drill.Status st = status == null ? null : Params.enumOf(Drill.Status.class, "status", status);
        ZoneId zone = config.zone();
        List<Drill> list = drills.book().find(d -> (st == null || d.status() == st) && d.when().atZone(zone).getYear() == y).stream()
                .sorted(Comparator.comparing(Drill::id)).toList();
        String f = format == null ? "json" : format.trim().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "json" -> Response.ok(list.stream().map(this::summary).toList(), MediaType.APPLICATION_JSON).build();
            case "csv" -> Response.ok(DrillExports.log(list, zone, clock.instant()).getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"drills-" + y + ".csv\"").build();
            default -> throw ApiException.invalid("format", "'" + format + "' is not one of json, csv");
        };
    }

    @GET
    @Path("/plan")
    @Operation(summary = "The year plan: drills planned and completed by month, the pace against the yearly target, warnings",
            description = "expectedByNow = target × share of the year elapsed; reachable = completed + in progress + planned not started;"
                    + " warnings PLAN_SHORT (the plan cannot reach the target), BELOW_USUAL_RATE (the last 12 months' rate cannot), LATE_START")
    public JsonNode yearPlan(@QueryParam("year") String year) {
        DrillYear.Plan p = drills.year(year(year));
        ObjectNode n = (ObjectNode) json.tree(p);
        Instant now = clock.instant();
        List<Drill.CorrectiveAction> open = new ArrayList<>();
        drills.book().find(d -> true).forEach(d -> d.actions().stream().filter(Drill.CorrectiveAction::open).forEach(open::add));
        n.putObject("correctiveActions").put("open", open.size()).put("overdue", open.stream().filter(a -> a.overdue(now)).count());
        return n;
    }

    @GET
    @Path("/actions")
    @Operation(summary = "Corrective actions across all drills and years", description = "status: OPEN, IN_PROGRESS, CLOSED, or ACTIVE (not closed,"
            + " the default); overdue=true: only those past their due date; owner: exact owner")
    public List<JsonNode> actions(@QueryParam("status") String status, @QueryParam("overdue") String overdue, @QueryParam("owner") String owner) {
        String st = status == null ? "ACTIVE" : status.trim().toUpperCase(Locale.ROOT);
        if (!st.equals("ACTIVE")) Params.enumOf(org.emcomm.vsat.drill.DrillKinds.ActionStatus.class, "status", st);
        Boolean late = Params.bool("overdue", overdue);
        Instant now = clock.instant();
        List<JsonNode> out = new ArrayList<>();
        for (Drill d : drills.book().find(x -> !x.actions().isEmpty())) {
            for (Drill.CorrectiveAction a : d.actions()) {
                if (st.equals("ACTIVE") ? !a.open() : !a.status().name().equals(st)) continue;
                if (late != null && a.overdue(now) != late) continue;
                if (owner != null && !a.owner().equals(owner)) continue;
                ObjectNode o = action(a, now);
                o.put("drill", d.id()).put("codeName", d.codeName());
                out.add(o);
            }
        }
        out.sort(Comparator.comparing((JsonNode o) -> o.path("dueAt").asText()));
        return out;
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, "application/pdf", MediaType.TEXT_HTML})
    @Operation(summary = "A drill with its verification, timeline, ratings, corrective actions and attachments",
            description = "format: json (default), pdf (the after-action report, A4, Chinese and English), html (print view)")
    public Response one(@PathParam("id") String id, @QueryParam("format") String format) {
        Drill d = find(id);
        String f = format == null ? "json" : format.trim().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "json" -> Response.ok(view(d), MediaType.APPLICATION_JSON).build();
            case "pdf" -> Response.ok(DrillExports.pdf(d, config.zone(), clock.instant()), "application/pdf")
                    .header("Content-Disposition", "attachment; filename=\"" + d.id() + ".pdf\"").build();
            case "html" -> Response.ok(DrillExports.html(d, config.zone(), clock.instant()), "text/html; charset=utf-8").build();
            default -> throw ApiException.invalid("format", "'" + format + "' is not one of json, pdf, html");
        };
    }

    // ---- run --------------------------------------------------------------------------------

    @POST
    @Path("/{id}/start")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "PLANNED → IN_PROGRESS; the drill's terminals are polled at once and the result recorded per terminal")
    public JsonNode start(@PathParam("id") String id) {
        Drill d = drills.start(id, actor());
        audit.describe("drill.start", id, json.mapper().createObjectNode().put("terminals", d.terminals().size()));
        return view(d);
    }

    @POST
    @Path("/{id}/verify")
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Verify the running drill's terminals live again (a fresh poll, recorded as a round)")
    public JsonNode verify(@PathParam("id") String id) {
        Drill d = drills.verify(id, actor());
        audit.describe("drill.verify", id, json.mapper().createObjectNode().put("round", d.verification().rounds().size()));
        return view(d);
    }

    @POST
    @Path("/{id}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Add a timeline entry", description = "{kind: INJECT|OBSERVATION|NOTE, content, at? (default now), expectedAction?,"
            + " observedAction?, objective? (O1…)}")
    public Response event(@PathParam("id") String id, EventBody b) {
        Drill d = drills.log(id, b == null ? null : new DrillService.TimelineInput(b.kind(), Params.instant("at", b.at(), config.zone()), b.content(),
                b.expectedAction(), b.observedAction(), b.objective()), actor());
        audit.describe("drill.event", id, json.tree(b));
        return Response.status(201).entity(view(d)).build();
    }

    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "IN_PROGRESS → COMPLETED with the after-action record", description = "{ratings: [{objective: O1, rating: P|S|M|U or"
            + " PERFORMED_WITHOUT_CHALLENGES…, notes?}] (every objective), strengths?, improvements?, correctiveActions?: [{title, owner, dueAt,"
            + " objective?}] (owner and dueAt mandatory), summary?, signOff?: {name, role?}, actualEnd? (default now)}")
    public JsonNode complete(@PathParam("id") String id, CompleteBody b) {
        DrillService.Completion c = null;
        if (b != null) {
            ZoneId zone = config.zone();
            List<DrillService.ActionInput> actions = null;
            if (b.correctiveActions() != null) {
                actions = new ArrayList<>();
                for (int i = 0; i < b.correctiveActions().size(); i++) {
                    ActionBody a = b.correctiveActions().get(i);
                    actions.add(a == null ? null : new DrillService.ActionInput(a.title(), a.owner(),
                            Params.instant("correctiveActions[" + i + "].dueAt", a.dueAt(), zone), a.objective()));
                }
            }
            c = new DrillService.Completion(Params.instant("actualEnd", b.actualEnd(), zone), b.ratings(), b.strengths(), b.improvements(), actions,
                    b.summary(), b.signOff());
        }
        Drill d = drills.complete(id, c, actor());
        audit.describe("drill.complete", id, json.tree(b));
        return view(d);
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "→ CANCELLED; the reason is mandatory. A cancelled drill does not count toward the target")
    public JsonNode cancel(@PathParam("id") String id, CancelBody b) {
        Drill d = drills.cancel(id, b == null ? null : b.reason(), actor());
        audit.describe("drill.cancel", id, json.tree(b));
        return view(d);
    }

    // ---- corrective actions -----------------------------------------------------------------

    @POST
    @Path("/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Add a corrective action to a drill that ran: {title, owner, dueAt, objective?}")
    public Response addAction(@PathParam("id") String id, ActionBody b) {
        Drill d = drills.addAction(id, b == null ? null : new DrillService.ActionInput(b.title(), b.owner(),
                Params.instant("dueAt", b.dueAt(), config.zone()), b.objective()), actor());
        audit.describe("drill.action.add", id, json.tree(b));
        return Response.status(201).entity(view(d)).build();
    }

    @PATCH
    @Path("/{id}/actions/{aid}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Move a corrective action on or change it: {status?: OPEN|IN_PROGRESS|CLOSED, owner?, dueAt?, note?}; closing needs a note")
    public JsonNode updateAction(@PathParam("id") String id, @PathParam("aid") String aid, ActionUpdateBody b) {
        Drill d = drills.updateAction(id, aid, b == null ? null : new DrillService.ActionUpdate(b.status(), b.owner(),
                Params.instant("dueAt", b.dueAt(), config.zone()), b.note()), actor());
        audit.describe("drill.action.update", id + "/" + aid, json.tree(b));
        return view(d);
    }

    // ---- attachments ------------------------------------------------------------------------

    @POST
    @Path("/{id}/attachments")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Attach a file (the request body as is, with its Content-Type)", description = "name: the file name; kind: PLAN, NOTICE,"
            + " SIGN_IN, PHOTO, REPORT, OTHER (default). Accepted: PDF, JPEG, PNG, plain text, CSV, DOCX, XLSX, checked against the content;"
            + " 413 past emcomm.drills.attachment-max-bytes. Its SHA-256 is in the journal event.")
    public Response attach(@PathParam("id") String id, @QueryParam("name") String name, @QueryParam("kind") String kind,
                           @HeaderParam("Content-Type") String contentType, InputStream body) {
        Drill d = drills.attach(id, name, kind, contentType, body, actor());
        Drill.Attachment a = d.attachments().get(d.attachments().size() - 1);
        audit.describe("drill.attach", id + "/" + a.id(), json.tree(a));
        return Response.created(URI.create("/api/drills/" + id + "/attachments/" + a.id())).entity(json.tree(a)).build();
    }

    @GET
    @Path("/{id}/attachments/{aid}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download an attachment (its hash is checked before it is sent)")
    public Response attachment(@PathParam("id") String id, @PathParam("aid") String aid) {
        Drill d = find(id);
        Drill.Attachment a = d.attachment(aid);
        if (a == null) throw ApiException.notFound("attachment", id + "/" + aid);
        String ascii = a.name().replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(drills.attachment(a).toFile(), a.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(a.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff").header("ETag", "\"" + a.sha256() + "\"").build();
    }

    // ---- views ------------------------------------------------------------------------------

    private Drill find(String id) {
        Drill d = drills.book().get(id);
        if (d == null) throw ApiException.notFound("drill", id);
        return d;
    }

    private int year(String text) { return Params.year("year", text, Year.now(clock.withZone(config.zone())).getValue()); }

    /** The record with what depends on now: each action's overdue mark, and whether the drill counts toward the target. */
    private JsonNode view(Drill d) {
        ObjectNode n = (ObjectNode) json.tree(d);
        DrillService.RoundProgress running = drills.round(d.id());
        if (running != null && n.path("verification") instanceof ObjectNode v) v.set("running", json.tree(running));
        Instant now = clock.instant();
        ArrayNode actions = n.putArray("actions");
        d.actions().forEach(a -> actions.add(action(a, now)));
        n.put("countsTowardTarget", d.status() == Drill.Status.COMPLETED);
        long overdue = d.actions().stream().filter(a -> a.overdue(now)).count();
        ArrayNode warnings = n.putArray("warnings");
        if (overdue > 0) warnings.add(overdue + " corrective action(s) overdue");
        if (d.status() == Drill.Status.PLANNED && d.plannedStart().isBefore(now)) warnings.add("past its planned start and not started");
        if (d.actualStart() != null && !d.verification().neverUp().isEmpty() && d.verification().total() > 0) warnings.add(d.verification().result());
        return n;
    }

    private ObjectNode action(Drill.CorrectiveAction a, Instant now) {
        ObjectNode o = (ObjectNode) json.tree(a);
        o.put("overdue", a.overdue(now));
        if (a.overdue(now)) o.put("overdueDays", a.overdueDays(now));
        return o;
    }

    private JsonNode summary(Drill d) {
        ObjectNode n = json.mapper().createObjectNode().put("id", d.id()).put("codeName", d.codeName()).put("type", d.type().name())
                .put("purpose", d.purpose().name()).put("status", d.status().name()).put("organiser", d.organiser());
        if (d.title() != null) n.put("title", d.title());
        n.set("plannedStart", json.tree(d.plannedStart()));
        n.set("plannedEnd", json.tree(d.plannedEnd()));
        if (d.actualStart() != null) n.set("actualStart", json.tree(d.actualStart()));
        if (d.actualEnd() != null) n.set("actualEnd", json.tree(d.actualEnd()));
        d.regions().forEach(n.putArray("regions")::add);
        n.putObject("verification").put("total", d.verification().total()).put("verified", d.verification().verified())
                .put("result", d.verification().result());
        Instant now = clock.instant();
        n.put("openActions", d.actions().stream().filter(Drill.CorrectiveAction::open).count())
                .put("overdueActions", d.actions().stream().filter(a -> a.overdue(now)).count()).put("attachments", d.attachments().size())
                .put("countsTowardTarget", d.status() == Drill.Status.COMPLETED);
        if (d.cancelReason() != null) n.put("cancelReason", d.cancelReason());
        return n;
    }

    private String actor() { return identity.getPrincipal().getName(); }
}
