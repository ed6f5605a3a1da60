package org.emcomm.vsat.emergency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import static org.emcomm.vsat.command.Refusal.enumOf;
import static org.emcomm.vsat.command.Refusal.limit;
import static org.emcomm.vsat.command.Refusal.required;

import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.journal.JournalService;

/** Support tasks: created for an emergency or a major event, assigned, started, and closed as
 * completed, failed (with a reason) or cancelled (with a reason and who called it off). */
@ApplicationScoped
public class SupportTaskService {
    private final Inventory inventory;
    private final JournalService journal;
    private final TaskRecords records;
    private final EmergencyRecords emergencies;

    SupportTaskService(Inventory inventory, JournalService journal, TaskRecords records, EmergencyRecords emergencies) {
        this.inventory = inventory;
        this.journal = journal;
        this.records = records;
        this.emergencies = emergencies;
    }

    public TaskBook book() { return records.book(); }

    public record NewTask(String title, String description, String emergency, String majorEvent, String location, Instant startAt,
                          Instant dueAt, String team, List<String> terminals) {}

    public synchronized SupportTask create(NewTask t, String actor) {
        if (t == null) throw EmergencyException.invalid("title", "a task needs a body: title, emergency or majorEvent, dueAt");
        String title = required("title", t.title(), 200);
        SupportTask.Supports supports;
        if (t.emergency() != null && t.majorEvent() != null) throw EmergencyException.invalid("majorEvent", "a task supports an emergency or a major event, not both");
        if (t.emergency() != null) {
            Emergency e = emergencies.book().get(t.emergency());
            if (e == null) throw EmergencyException.invalid("emergency", "'" + t.emergency() + "' is not a declared emergency");
            if (!e.open()) throw EmergencyException.invalid("emergency", "'" + t.emergency() + "' is closed");
            supports = new SupportTask.Supports(SupportTask.Supports.Kind.EMERGENCY, e.id());
        } else if (t.majorEvent() != null) {
            MajorEvent m = emergencies.book().event(t.majorEvent());
            if (m == null) throw EmergencyException.invalid("majorEvent", "'" + t.majorEvent() + "' is not a planned major event");
            if (m.cancelledAt() != null) throw EmergencyException.invalid("majorEvent", "'" + t.majorEvent() + "' is cancelled");
            supports = new SupportTask.Supports(SupportTask.Supports.Kind.MAJOR_EVENT, m.id());
        } else {
            throw EmergencyException.invalid("emergency", "a task supports an emergency (emergency) or a planned major event (majorEvent)");
        }
        if (t.dueAt() == null) throw EmergencyException.invalid("dueAt", "is required: the task's completion rate counts tasks by when they are due");
        if (t.startAt() != null && !t.dueAt().isAfter(t.startAt())) throw EmergencyException.invalid("dueAt", "must be after startAt");
        String id = String.format(Locale.ROOT, "TASK-%06d", book().size() + 1);
        ObjectNode p = EmergencyBook.JSON.createObjectNode().put("title", title);
        if (t.description() != null) p.put("description", limit("description", t.description(), 20_000));
        p.putObject("supports").put("kind", supports.kind().name()).put("id", supports.id());
        if (t.location() != null) p.put("location", limit("location", t.location(), 500));
        if (t.startAt() != null) p.put("startAt", t.startAt().toString());
        p.put("dueAt", t.dueAt().toString());
        if (t.team() != null) p.put("team", limit("team", t.team(), 200));
        terminals(t.terminals()).forEach(p.putArray("terminals")::add);
        append(TaskBook.CREATED, id, actor, p);
        return book().get(id);
    }

    public record Assignment(String team, List<String> terminals) {}

    public synchronized SupportTask assign(String id, Assignment a, String actor) {
        SupportTask t = openTask(id);
        if (a == null || (a.team() == null && a.terminals() == null)) throw EmergencyException.invalid("team", "give a team and/or terminals");
        ObjectNode p = EmergencyBook.JSON.createObjectNode();
        if (a.team() != null) p.put("team", limit("team", a.team(), 200));
        if (a.terminals() != null) terminals(a.terminals()).forEach(p.putArray("terminals")::add);
        append(TaskBook.ASSIGNED, id, actor, p);
        return book().get(id);
    }

    public synchronized SupportTask start(String id, String note, String actor) {
        SupportTask t = openTask(id);
        if (t.status() != SupportTask.Status.ASSIGNED) throw EmergencyException.conflict("task " + id + " is already " + t.status());
        append(TaskBook.STARTED, id, actor, note(note));
        return book().get(id);
    }

    public synchronized SupportTask complete(String id, String note, String actor) {
        SupportTask t = openTask(id);
        if (t.status() != SupportTask.Status.IN_PROGRESS) throw EmergencyException.conflict("task " + id + " is " + t.status() + "; start it first");
        append(TaskBook.COMPLETED, id, actor, note(note));
        return book().get(id);
    }

    public synchronized SupportTask fail(String id, String reason, String actor) {
        openTask(id);
        append(TaskBook.FAILED, id, actor, EmergencyBook.JSON.createObjectNode().put("reason", required("reason", reason, 2000)));
        return book().get(id);
    }

    public synchronized SupportTask cancel(String id, String reason, String by, String actor) {
        openTask(id);
        String r = required("reason", reason, 2000);
        SupportTask.Canceller c = by == null ? SupportTask.Canceller.REQUESTER : enumOf(SupportTask.Canceller.class, "by", by);
        append(TaskBook.CANCELLED, id, actor, EmergencyBook.JSON.createObjectNode().put("reason", r).put("by", c.name()));
        return book().get(id);
    }

    /** The completion rate over tasks due in [from, to): completed ÷ due, where due leaves out what requesters cancelled. */
    public record Completion(Instant from, Instant to, int due, int completed, int failed, int open, int cancelledByAuthority,
                             int cancelledByRequester, Double rate, List<String> dueIds, List<String> completedIds, List<String> notCompletedIds) {}

    public Completion completion(Instant from, Instant to) {
        List<SupportTask> inPeriod = book().find(t -> !t.dueAt().isBefore(from) && t.dueAt().isBefore(to));
        List<SupportTask> due = inPeriod.stream().filter(SupportTask::due).toList();
        List<String> completed = due.stream().filter(t -> t.status() == SupportTask.Status.COMPLETED).map(SupportTask::id).toList();
        int failed = (int) due.stream().filter(t -> t.status() == SupportTask.Status.FAILED).count();
        int open = (int) due.stream().filter(t -> !t.status().closed()).count();
        int byAuthority = (int) due.stream().filter(t -> t.status() == SupportTask.Status.CANCELLED).count();
        int byRequester = inPeriod.size() - due.size();
        Double rate = due.isEmpty() ? null : completed.size() / (double) due.size();
        return new Completion(from, to, due.size(), completed.size(), failed, open, byAuthority, byRequester, rate,
                due.stream().map(SupportTask::id).toList(), completed,
                due.stream().filter(t -> t.status() != SupportTask.Status.COMPLETED).map(SupportTask::id).toList());
    }

    private SupportTask openTask(String id) {
        SupportTask t = book().get(id);
        if (t == null) throw EmergencyException.notFound("task", id);
        if (t.status().closed()) throw EmergencyException.conflict("task " + id + " is already " + t.status());
        return t;
    }

    private List<String> terminals(List<String> given) {
        if (given == null) return List.of();
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i);
            if (id == null || inventory.terminal(id.trim()) == null) throw EmergencyException.invalid("terminals[" + i + "]", "'" + id + "' is not a terminal of the inventory");
            out.add(id.trim());
        }
        return List.copyOf(out);
    }

    private static ObjectNode note(String note) {
        ObjectNode p = EmergencyBook.JSON.createObjectNode();
        if (note != null && !note.isBlank()) p.put("note", limit("note", note, 20_000));
        return p;
    }

    private void append(String type, String id, String actor, ObjectNode payload) {
        try {
            journal.append(TaskBook.STREAM, type, id, actor, EmergencyBook.JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
