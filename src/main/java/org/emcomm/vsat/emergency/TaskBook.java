package org.emcomm.vsat.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Support tasks as the journal's {@value #STREAM} stream builds them; readers get snapshots. */
public final class TaskBook {
    public static final String STREAM = "tasks";
    public static final String CREATED = "task.created";
    public static final String ASSIGNED = "task.assigned";
    public static final String STARTED = "task.started";
    public static final String COMPLETED = "task.completed";
    public static final String FAILED = "task.failed";
    public static final String CANCELLED = "task.cancelled";

    private final Map<String, SupportTask> tasks = new LinkedHashMap<>();

    public synchronized void apply(long seq, String type, String id, String actor, Instant at, JsonNode p) {
        SupportTask t = tasks.get(id);
        if (type.equals(CREATED)) {
            SupportTask.Supports supports = new SupportTask.Supports(SupportTask.Supports.Kind.valueOf(p.path("supports").path("kind").asText()),
                    p.path("supports").path("id").asText());
            tasks.put(id, new SupportTask(id, p.path("title").asText(), p.path("description").asText(null), supports,
                    p.path("location").asText(null), instant(p, "startAt"), instant(p, "dueAt"), p.path("team").asText(null),
                    strings(p.path("terminals")), SupportTask.Status.ASSIGNED, null, null, at, actor, null, null, null,
                    List.of(new Emergency.Entry(seq, at, type, actor, "created for " + supports.kind().name().toLowerCase() + " " + supports.id()))));
            return;
        }
        if (t == null) return;
        String note = p.path("note").asText(null);
        SupportTask.Status status = t.status();
        String team = t.team(), reason = t.reason(), endedBy = t.endedBy();
        List<String> terminals = t.terminals();
        Instant startedAt = t.startedAt(), endedAt = t.endedAt();
        SupportTask.Canceller canceller = t.cancelledBy();
        String text;
        switch (type) {
            case ASSIGNED -> {
                if (p.has("team")) team = p.path("team").asText(null);
                if (p.has("terminals")) terminals = strings(p.path("terminals"));
                text = "assigned: team " + team + ", " + terminals.size() + " terminals";
            }
            case STARTED -> {
                status = SupportTask.Status.IN_PROGRESS;
                startedAt = at;
                text = "started";
            }
            case COMPLETED -> {
                status = SupportTask.Status.COMPLETED;
                endedAt = at;
                endedBy = actor;
                text = "completed";
            }
            case FAILED -> {
                status = SupportTask.Status.FAILED;
                endedAt = at;
                endedBy = actor;
                reason = p.path("reason").asText();
                text = "failed: " + reason;
            }
            case CANCELLED -> {
                status = SupportTask.Status.CANCELLED;
                endedAt = at;
                endedBy = actor;
                reason = p.path("reason").asText();
                canceller = SupportTask.Canceller.valueOf(p.path("by").asText());
                text = "cancelled by the " + canceller.name().toLowerCase() + ": " + reason;
            }
            default -> { return; }
        }
        if (note != null && !note.isBlank()) text += " — " + note;
        List<Emergency.Entry> timeline = new ArrayList<>(t.timeline());
        timeline.add(new Emergency.Entry(seq, at, type, actor, text));
        tasks.put(id, new SupportTask(id, t.title(), t.description(), t.supports(), t.location(), t.startAt(), t.dueAt(), team, terminals,
                status, reason, canceller, t.createdAt(), t.createdBy(), startedAt, endedAt, endedBy, List.copyOf(timeline)));
    }

    private static Instant instant(JsonNode p, String field) {
        return p.hasNonNull(field) ? Instant.parse(p.path(field).asText()) : null;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    public synchronized SupportTask get(String id) { return tasks.get(id); }

    public synchronized List<SupportTask> find(Predicate<SupportTask> filter) {
        return tasks.values().stream().filter(filter).toList();
    }

    public synchronized int size() { return tasks.size(); }
}
