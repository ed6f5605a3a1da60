package org.emcomm.vsat.drill;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Drills as the journal's {@value #STREAM} stream builds them. Only {@link #apply} changes the book (on
 * the journal's thread); readers get immutable snapshots.
 */
public final class DrillBook {
    public static final String STREAM = "drills";
    public static final String PLANNED = "drill.planned";
    public static final String REVISED = "drill.revised";
    public static final String STARTED = "drill.started";
    public static final String VERIFIED = "drill.verified";
    public static final String VERIFIED_PART = "drill.verified-part";
    public static final String TERMINAL_UP = "drill.terminal-up";
    public static final String LOGGED = "drill.logged";
    public static final String COMPLETED = "drill.completed";
    public static final String CANCELLED = "drill.cancelled";
    public static final String ACTION_ADDED = "drill.action-added";
    public static final String ACTION_UPDATED = "drill.action-updated";
    public static final String ACTION_OVERDUE = "drill.action-overdue";
    public static final String ATTACHED = "drill.attachment-added";

    /** Times as ISO text, unknown fields ignored: the mapper for every payload of this stream. */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Rec> drills = new LinkedHashMap<>();
    private final java.time.ZoneId zone;

    /** Times in timeline texts are written in {@code zone}, to the second. */
    public DrillBook(java.time.ZoneId zone) { this.zone = zone; }

    public DrillBook() { this(java.time.ZoneOffset.UTC); }

    private static final class Rec {
        String id, codeName, title, organiser, location, scenario, plannedBy, startedBy, closedBy, cancelReason, summary;
        DrillKinds.Type type;
        DrillKinds.Scope scope;
        DrillKinds.Purpose purpose;
        DrillKinds.Level level;
        List<String> coOrganisers = List.of(), subjects = List.of(), regions = List.of(), terminals = List.of(),
                strengths = List.of(), improvements = List.of();
        List<Drill.Objective> objectives = List.of();
        List<Drill.Participant> participants = List.of();
        Drill.Resources resources;
        Instant plannedStart, plannedEnd, actualStart, actualEnd, plannedAt;
        Drill.Status status = Drill.Status.PLANNED;
        final List<Drill.Round> rounds = new ArrayList<>();
        final Map<String, Check> checks = new LinkedHashMap<>();
        final List<Drill.TimelineEntry> timeline = new ArrayList<>();
        List<Drill.ObjectiveRating> ratings = List.of();
        Drill.SignOff signOff;
        final Map<String, Drill.CorrectiveAction> actions = new LinkedHashMap<>();
        final List<Drill.Attachment> attachments = new ArrayList<>();
        final List<Drill.Entry> history = new ArrayList<>();
        Drill snapshot;
    }

    /** The latest check of one terminal; {@code firstUpAt} survives later rounds. */
    private record Check(String site, String region, Boolean answered, String state, String health, String reason, Double esNo,
                         Instant checkedAt, Instant firstUpAt) {
        Check withFirstUp(Instant at) { return new Check(site, region, answered, state, health, reason, esNo, checkedAt, at); }
    }

    public synchronized void apply(long seq, String type, String id, String actor, Instant at, JsonNode p) {
        Rec r = drills.get(id);
        if (type.equals(PLANNED)) {
            r = new Rec();
            r.id = id;
            r.plannedAt = at;
            r.plannedBy = actor;
            plan(r, p);
            drills.put(id, r);
            r.history.add(new Drill.Entry(seq, at, type, actor, "planned " + r.codeName + " for " + r.plannedStart));
            return;
        }
        if (r == null) return;
        r.snapshot = null;
        String text = switch (type) {
            case REVISED -> {
                plan(r, p);
                List<String> names = new ArrayList<>();
                p.fieldNames().forEachRemaining(names::add);
                yield "revised " + String.join(", ", names);
            }
            case STARTED -> {
                r.status = Drill.Status.IN_PROGRESS;
                r.actualStart = Instant.parse(p.path("actualStart").asText());
                r.startedBy = actor;
                yield "started";
            }
            case VERIFIED, VERIFIED_PART -> {
                if (type.equals(VERIFIED)) {
                    r.rounds.add(new Drill.Round(p.path("round").asInt(), Drill.Trigger.valueOf(p.path("trigger").asText()),
                            Instant.parse(p.path("startedAt").asText()), p.path("millis").asLong(), p.path("polled").asInt(),
                            p.path("answered").asInt(), p.path("up").asInt(), p.path("complete").asBoolean(), actor));
                }
                for (JsonNode t : p.path("terminals")) {
                    String tid = t.path("id").asText();
                    Check old = r.checks.get(tid);
                    r.checks.put(tid, new Check(text(t, "site"), text(t, "region"), t.hasNonNull("answered") ? t.path("answered").asBoolean() : null,
                            text(t, "state"), text(t, "health"), text(t, "reason"), t.hasNonNull("esNo") ? t.path("esNo").asDouble() : null,
                            instant(t, "at"), old == null ? null : old.firstUpAt()));
                }
                if (type.equals(VERIFIED_PART)) yield null;
                yield "verified live (" + p.path("trigger").asText().toLowerCase(Locale.ROOT).replace('_', ' ') + "): "
                        + p.path("answered").asInt() + " of " + p.path("polled").asInt() + " answered, " + p.path("up").asInt() + " up";
            }
            case TERMINAL_UP -> {
                List<String> named = new ArrayList<>();
                for (JsonNode u : p.path("terminals")) {
                    String tid = u.path("terminal").asText();
                    Instant upAt = Instant.parse(u.path("at").asText());
                    Check old = r.checks.get(tid);
                    if (old == null) old = new Check(null, null, null, null, null, null, null, null, null);
                    if (old.firstUpAt() == null || upAt.isBefore(old.firstUpAt())) r.checks.put(tid, old.withFirstUp(upAt));
                    named.add(tid);
                }
                yield named.size() + " terminal(s) first UP: " + String.join(", ", named.size() > 10 ? named.subList(0, 10) : named)
                        + (named.size() > 10 ? " …" : "");
            }
            case LOGGED -> {
                Drill.TimelineEntry e = new Drill.TimelineEntry(p.path("n").asInt(), DrillKinds.EntryKind.valueOf(p.path("kind").asText()),
                        Instant.parse(p.path("at").asText()), p.path("content").asText(), text(p, "expectedAction"), text(p, "observedAction"),
                        text(p, "objective"), actor, at);
                r.timeline.add(e);
                r.timeline.sort(java.util.Comparator.comparing(Drill.TimelineEntry::at).thenComparing(Drill.TimelineEntry::n));
                yield e.kind().name().toLowerCase(Locale.ROOT) + " #" + e.n();
            }
            case COMPLETED -> {
                r.status = Drill.Status.COMPLETED;
                r.actualEnd = Instant.parse(p.path("actualEnd").asText());
                r.closedBy = actor;
                List<Drill.ObjectiveRating> ratings = new ArrayList<>();
                for (JsonNode n : p.path("ratings")) {
                    ratings.add(new Drill.ObjectiveRating(n.path("objective").asText(), DrillKinds.Rating.valueOf(n.path("rating").asText()), text(n, "notes")));
                }
                r.ratings = List.copyOf(ratings);
                r.strengths = strings(p.path("strengths"));
                r.improvements = strings(p.path("improvements"));
                r.summary = text(p, "summary");
                if (p.hasNonNull("signOff")) r.signOff = new Drill.SignOff(p.path("signOff").path("name").asText(), text(p.path("signOff"), "role"), at);
                yield "completed: " + p.path("verified").asInt() + " of " + p.path("total").asInt() + " terminals came up";
            }
            case CANCELLED -> {
                r.status = Drill.Status.CANCELLED;
                r.cancelReason = p.path("reason").asText();
                r.closedBy = actor;
                if (r.actualStart != null) r.actualEnd = at;
                yield "cancelled: " + r.cancelReason;
            }
            case ACTION_ADDED -> {
                String aid = p.path("action").asText();
                r.actions.put(aid, new Drill.CorrectiveAction(aid, p.path("title").asText(), p.path("owner").asText(),
                        Instant.parse(p.path("dueAt").asText()), text(p, "objective"), DrillKinds.ActionStatus.OPEN, at, actor, null, null, null, null));
                yield "corrective action " + aid + " for " + p.path("owner").asText() + ", due " + p.path("dueAt").asText();
            }
            case ACTION_UPDATED -> {
                Drill.CorrectiveAction a = r.actions.get(p.path("action").asText());
                if (a == null) yield null;
                DrillKinds.ActionStatus status = p.hasNonNull("status") ? DrillKinds.ActionStatus.valueOf(p.path("status").asText()) : a.status();
                boolean closing = status == DrillKinds.ActionStatus.CLOSED && a.status() != DrillKinds.ActionStatus.CLOSED;
                boolean reopening = status != DrillKinds.ActionStatus.CLOSED && a.status() == DrillKinds.ActionStatus.CLOSED;
                Instant dueAt = p.hasNonNull("dueAt") ? Instant.parse(p.path("dueAt").asText()) : a.dueAt();
                r.actions.put(a.id(), new Drill.CorrectiveAction(a.id(), a.title(), p.hasNonNull("owner") ? p.path("owner").asText() : a.owner(),
                        dueAt, a.objective(), status, a.createdAt(), a.createdBy(), closing ? at : reopening ? null : a.closedAt(),
                        closing ? actor : reopening ? null : a.closedBy(), p.hasNonNull("note") ? p.path("note").asText() : a.note(),
                        dueAt.equals(a.dueAt()) ? a.overdueNotedAt() : null));
                yield "corrective action " + a.id() + " " + status.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (p.hasNonNull("note") ? ": " + p.path("note").asText() : "");
            }
            case ACTION_OVERDUE -> {
                Drill.CorrectiveAction a = r.actions.get(p.path("action").asText());
                if (a == null) yield null;
                r.actions.put(a.id(), new Drill.CorrectiveAction(a.id(), a.title(), a.owner(), a.dueAt(), a.objective(), a.status(), a.createdAt(),
                        a.createdBy(), a.closedAt(), a.closedBy(), a.note(), at));
                yield "corrective action " + a.id() + " is overdue (due " + org.emcomm.vsat.config.Times.text(a.dueAt(), zone) + ", owner " + a.owner() + ")";
            }
            case ATTACHED -> {
                Drill.Attachment a = new Drill.Attachment(p.path("attachment").asText(), p.path("name").asText(),
                        DrillKinds.AttachmentKind.valueOf(p.path("kind").asText()), p.path("contentType").asText(), p.path("size").asLong(),
                        p.path("sha256").asText(), at, actor);
                r.attachments.add(a);
                yield "attached " + a.kind().name().toLowerCase(Locale.ROOT) + " '" + a.name() + "' (" + a.size() + " bytes, sha256 " + a.sha256() + ")";
            }
            default -> null;
        };
        if (text != null) r.history.add(new Drill.Entry(seq, at, type, actor, text));
    }

    /** Applies the plan fields present in {@code p} (all of them when planned, the changed ones when revised). */
    private static void plan(Rec r, JsonNode p) {
        if (p.has("codeName")) r.codeName = p.path("codeName").asText();
        if (p.has("title")) r.title = text(p, "title");
        if (p.has("type")) r.type = DrillKinds.Type.valueOf(p.path("type").asText());
        if (p.has("scope")) r.scope = p.hasNonNull("scope") ? DrillKinds.Scope.valueOf(p.path("scope").asText()) : null;
        if (p.has("purpose")) r.purpose = DrillKinds.Purpose.valueOf(p.path("purpose").asText());
        if (p.has("organiser")) r.organiser = p.path("organiser").asText();
        if (p.has("coOrganisers")) r.coOrganisers = strings(p.path("coOrganisers"));
        if (p.has("plannedStart")) r.plannedStart = Instant.parse(p.path("plannedStart").asText());
        if (p.has("plannedEnd")) r.plannedEnd = Instant.parse(p.path("plannedEnd").asText());
        if (p.has("location")) r.location = text(p, "location");
        if (p.has("scenario")) r.scenario = text(p, "scenario");
        if (p.has("simulatedLevel")) r.level = p.hasNonNull("simulatedLevel") ? DrillKinds.Level.valueOf(p.path("simulatedLevel").asText()) : null;
        if (p.has("objectives")) {
            List<Drill.Objective> o = new ArrayList<>();
            for (JsonNode n : p.path("objectives")) o.add(new Drill.Objective(n.path("id").asText(), n.path("text").asText()));
            r.objectives = List.copyOf(o);
        }
        if (p.has("subjects")) r.subjects = strings(p.path("subjects"));
        if (p.has("participants")) {
            List<Drill.Participant> list = new ArrayList<>();
            for (JsonNode n : p.path("participants")) {
                list.add(new Drill.Participant(n.path("organisation").asText(), DrillKinds.Role.valueOf(n.path("role").asText()), text(n, "name"),
                        n.hasNonNull("count") ? n.path("count").asInt() : null));
            }
            r.participants = List.copyOf(list);
        }
        if (p.has("resources")) {
            JsonNode n = p.path("resources");
            r.resources = n.isNull() ? null : new Drill.Resources(n.hasNonNull("people") ? n.path("people").asInt() : null,
                    n.hasNonNull("vehicles") ? n.path("vehicles").asInt() : null, text(n, "satelliteCapacity"), text(n, "notes"));
        }
        if (p.has("regions")) r.regions = strings(p.path("regions"));
        if (p.has("terminals")) r.terminals = strings(p.path("terminals"));
    }

    private static String text(JsonNode p, String field) { return p.hasNonNull(field) ? p.path(field).asText() : null; }

    private static Instant instant(JsonNode p, String field) { return p.hasNonNull(field) ? Instant.parse(p.path(field).asText()) : null; }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    public synchronized Drill get(String id) {
        Rec r = drills.get(id);
        return r == null ? null : snapshot(r);
    }

    public synchronized List<Drill> find(Predicate<Drill> filter) {
        List<Drill> out = new ArrayList<>();
        for (Rec r : drills.values()) {
            Drill d = snapshot(r);
            if (filter.test(d)) out.add(d);
        }
        return out;
    }

    public synchronized int size() { return drills.size(); }

    private static Drill snapshot(Rec r) {
        if (r.snapshot != null) return r.snapshot;
        List<Drill.TerminalCheck> checks = new ArrayList<>(r.terminals.size());
        List<String> neverUp = new ArrayList<>();
        int verified = 0;
        for (String tid : r.terminals) {
            Check c = r.checks.get(tid);
            boolean up = c != null && c.firstUpAt() != null;
            if (up) verified++;
            else neverUp.add(tid);
            checks.add(c == null ? new Drill.TerminalCheck(tid, null, null, null, null, null, "not checked yet", null, null, null, false)
                    : new Drill.TerminalCheck(tid, c.site(), c.region(), c.answered(), c.state(), c.health(), c.reason(), c.esNo(), c.checkedAt(),
                    c.firstUpAt(), up));
        }
        String result;
        if (r.terminals.isEmpty()) result = "No terminals in this drill";
        else if (r.actualStart == null) result = r.terminals.size() + " terminals to verify when the drill starts";
        else if (neverUp.isEmpty()) result = "All " + r.terminals.size() + " terminals came up after the start";
        else if (verified == 0) result = "None of the " + r.terminals.size() + " terminals came up after the start";
        else result = verified + " of " + r.terminals.size() + " terminals came up after the start; " + neverUp.size() + " never did: "
                    + String.join(", ", neverUp.size() > 20 ? neverUp.subList(0, 20) : neverUp) + (neverUp.size() > 20 ? " …" : "");
        Drill.Verification v = new Drill.Verification(List.copyOf(r.rounds), List.copyOf(checks), r.terminals.size(), verified,
                List.copyOf(neverUp), result);
        r.snapshot = new Drill(r.id, r.codeName, r.title, r.type, r.scope, r.purpose, r.organiser, r.coOrganisers, r.plannedStart, r.plannedEnd,
                r.actualStart, r.actualEnd, r.location, r.scenario, r.level, r.objectives, r.subjects, r.participants, r.resources, r.regions,
                r.terminals, r.status, r.plannedAt, r.plannedBy, r.startedBy, r.closedBy, r.cancelReason, v, List.copyOf(r.timeline), r.ratings,
                r.strengths, r.improvements, r.summary, r.signOff, List.copyOf(r.actions.values()), List.copyOf(r.attachments),
                List.copyOf(r.history));
        return r.snapshot;
    }
}
