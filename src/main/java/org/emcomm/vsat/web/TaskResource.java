package org.emcomm.vsat.web;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.emergency.SupportTask;
import org.emcomm.vsat.emergency.SupportTaskService;

/** Support tasks for emergencies and major events, and their completion rate (api.md). */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
public class TaskResource {
    private final SupportTaskService tasks;
    private final EmcommConfig config;
    private final ZonedJson json;
    private final AuditContext audit;
    private final SecurityIdentity identity;
    private final Clock clock;

    TaskResource(SupportTaskService tasks, EmcommConfig config, ZonedJson json, AuditContext audit, SecurityIdentity identity, Clock clock) {
        this.tasks = tasks;
        this.config = config;
        this.json = json;
        this.audit = audit;
        this.identity = identity;
        this.clock = clock;
    }

    public record NewTaskBody(String title, String description, String emergency, String majorEvent, String location, String startAt,
                              String dueAt, String team, List<String> terminals) {}

    public record AssignBody(String team, List<String> terminals) {}

    public record NoteBody(String note) {}

    public record ReasonBody(String reason, String by) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Create a support task for an emergency (emergency) or a planned major event (majorEvent)",
            description = "{title, emergency|majorEvent, dueAt, startAt?, location?, team?, terminals?, description?} → 201, status ASSIGNED")
    public Response create(NewTaskBody b) {
        if (b == null) throw ApiException.invalid("title", "a task needs a body: title, emergency or majorEvent, dueAt");
        ZoneId zone = config.zone();
        SupportTask t = tasks.create(new SupportTaskService.NewTask(b.title(), b.description(), b.emergency(), b.majorEvent(), b.location(),
                Params.instant("startAt", b.startAt(), zone), Params.instant("dueAt", b.dueAt(), zone), b.team(), b.terminals()), actor());
        audit.describe("task.create", t.id(), json.tree(b));
        return Response.created(URI.create("/api/tasks/" + t.id())).entity(json.tree(t)).build();
    }

    @GET
    @Operation(summary = "Support tasks, newest first", description = "status: ASSIGNED, IN_PROGRESS, COMPLETED, FAILED, CANCELLED, or OPEN (not closed);"
            + " emergency / majorEvent: the record they support; from/to: due in [from, to)")
    public List<JsonNode> list(@QueryParam("status") String status, @QueryParam("emergency") String emergency,
                               @QueryParam("majorEvent") String majorEvent, @QueryParam("from") String from, @QueryParam("to") String to) {
        String st = status == null ? null : status.trim().toUpperCase(Locale.ROOT);
        if (st != null && !st.equals("OPEN")) Params.enumOf(SupportTask.Status.class, "status", st);
        Instant f = Params.instant("from", from, config.zone()), t = Params.instant("to", to, config.zone());
        if (f != null && t != null && !f.isBefore(t)) throw ApiException.invalid("from", "must be before to");
        return tasks.book().find(x -> (st == null || (st.equals("OPEN") ? !x.status().closed() : x.status().name().equals(st)))
                        && (emergency == null || (x.supports().kind() == SupportTask.Supports.Kind.EMERGENCY && x.supports().id().equals(emergency)))
                        && (majorEvent == null || (x.supports().kind() == SupportTask.Supports.Kind.MAJOR_EVENT && x.supports().id().equals(majorEvent)))
                        && (f == null || !x.dueAt().isBefore(f)) && (t == null || x.dueAt().isBefore(t)))
                .stream().sorted(Comparator.comparing(SupportTask::id).reversed()).map(json::tree).toList();
    }

    @GET
    @Path("/completion")
    @Operation(summary = "Completion rate of the tasks due in [from, to) (default: this calendar year in the configured zone)",
            description = "rate = completed ÷ due, where due leaves out tasks the requester cancelled; failed tasks count as due and not completed")
    public JsonNode completion(@QueryParam("from") String from, @QueryParam("to") String to) {
        ZoneId zone = config.zone();
        Year year = Year.now(clock.withZone(zone));
        Instant f = Params.instant("from", from, zone), t = Params.instant("to", to, zone);
        if (f == null) f = year.atDay(1).atStartOfDay(zone).toInstant();
        if (t == null) t = year.plusYears(1).atDay(1).atStartOfDay(zone).toInstant();
        if (!f.isBefore(t)) throw ApiException.invalid("from", "must be before to");
        return json.tree(tasks.completion(f, t));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One support task with its timeline")
    public JsonNode one(@PathParam("id") String id) {
        SupportTask t = tasks.book().get(id);
        if (t == null) throw ApiException.notFound("task", id);
        return json.tree(t);
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "Assign a team and/or terminals to an open task")
    public JsonNode assign(@PathParam("id") String id, AssignBody b) {
        SupportTask t = tasks.assign(id, b == null ? null : new SupportTaskService.Assignment(b.team(), b.terminals()), actor());
        audit.describe("task.assign", id, json.tree(b));
        return json.tree(t);
    }

    @POST
    @Path("/{id}/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "ASSIGNED → IN_PROGRESS")
    public JsonNode start(@PathParam("id") String id, NoteBody b) {
        return step("task.start", id, b, tasks.start(id, b == null ? null : b.note(), actor()));
    }

    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "IN_PROGRESS → COMPLETED")
    public JsonNode complete(@PathParam("id") String id, NoteBody b) {
        return step("task.complete", id, b, tasks.complete(id, b == null ? null : b.note(), actor()));
    }

    @POST
    @Path("/{id}/fail")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "→ FAILED; the reason is mandatory and the task still counts as due")
    public JsonNode fail(@PathParam("id") String id, ReasonBody b) {
        return step("task.fail", id, b, tasks.fail(id, b == null ? null : b.reason(), actor()));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(summary = "→ CANCELLED with a mandatory reason; by: REQUESTER (default: no longer due) or AUTHORITY (still due, not completed)")
    public JsonNode cancel(@PathParam("id") String id, ReasonBody b) {
        return step("task.cancel", id, b, tasks.cancel(id, b == null ? null : b.reason(), b == null ? null : b.by(), actor()));
    }

    private JsonNode step(String action, String id, Object body, SupportTask t) {
        audit.describe(action, id, body == null ? json.mapper().createObjectNode() : json.tree(body));
        return json.tree(t);
    }

    private String actor() { return identity.getPrincipal().getName(); }
}
