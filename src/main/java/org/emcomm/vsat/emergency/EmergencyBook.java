package org.emcomm.vsat.emergency;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.emcomm.vsat.config.Times;

/**
 * Emergencies, their status reports and planned major events, as the journal's
 * {@value #STREAM} stream builds them. Only {@link #apply} changes it (on the journal's thread);
 * readers get immutable snapshots.
 */
public final class EmergencyBook {
    public static final String STREAM = "emergencies";
    public static final String DECLARED = "emergency.declared";
    public static final String DRAFTED = "emergency.report-drafted";
    public static final String PART = "emergency.report-part";
    public static final String EDITED = "emergency.report-edited";
    public static final String APPROVED = "emergency.report-approved";
    public static final String SUBMITTED = "emergency.report-submitted";
    public static final String WARNING = "emergency.report-warning";
    public static final String OVERDUE = "emergency.report-overdue";
    public static final String CLOSED = "emergency.closed";
    public static final String EVENT_PLANNED = "major-event.planned";
    public static final String EVENT_CANCELLED = "major-event.cancelled";

    /** Times as ISO text, unknown fields ignored: the mapper for every payload of this stream. */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ZoneId zone;
    private final Map<String, Rec> emergencies = new LinkedHashMap<>();
    private final Map<String, MajorEvent> events = new LinkedHashMap<>();
    private volatile Map<String, Emergency> snapshots = Map.of();

    /** Times in timeline texts are written in {@code zone}, to the second. */
    public EmergencyBook(ZoneId zone) { this.zone = zone; }

    public EmergencyBook() { this(ZoneOffset.UTC); }

    private static final class Rec {
        String id, title, declaredBy, basis, closedBy, closeNote;
        EmergencyType type;
        List<String> regions;
        Instant onsetAt, declaredAt, startsAt, dueAt, overdueAt, closedAt;
        Duration limit;
        Emergency.Status status = Emergency.Status.OPEN;
        final List<Emergency.Warning> warnings = new ArrayList<>();
        final Map<String, Report> reports = new LinkedHashMap<>();
        final List<Emergency.Entry> timeline = new ArrayList<>();
    }

    private static final class Report {
        String id, draftedBy, approvedBy, submittedBy;
        int number;
        ReportKind kind;
        StatusReport.Status status = StatusReport.Status.DRAFT;
        Instant draftedAt, approvedAt, submittedAt;
        StatusReport.RecordHead recordHead;
        NetworkFacts header;
        List<NetworkFacts.TerminalFact> terminals = new ArrayList<>();
        List<NetworkFacts.IncidentFact> incidents = new ArrayList<>();
        StatusReport.Narrative narrative = StatusReport.Narrative.EMPTY;
        StatusReport snapshot;
    }

    public synchronized void apply(long seq, String type, String id, String actor, Instant at, JsonNode p) {
        try {
            switch (type) {
                case EVENT_PLANNED -> {
                    events.put(id, new MajorEvent(id, p.path("title").asText(), strings(p.path("regions")),
                            Instant.parse(p.path("startAt").asText()), Instant.parse(p.path("endAt").asText()), at, actor, null, null));
                    return;
                }
                case EVENT_CANCELLED -> {
                    MajorEvent e = events.get(id);
                    if (e != null) events.put(id, new MajorEvent(e.id(), e.title(), e.regions(), e.startAt(), e.endAt(), e.createdAt(),
                            e.createdBy(), at, p.path("reason").asText()));
                    return;
                }
                default -> { }
            }
            Rec r = emergencies.get(id);
            if (type.equals(DECLARED)) {
                r = new Rec();
                r.id = id;
                r.title = p.path("title").asText();
                r.type = EmergencyType.valueOf(p.path("type").asText());
                r.regions = strings(p.path("regions"));
                r.onsetAt = Instant.parse(p.path("onsetAt").asText());
                r.declaredAt = at;
                r.declaredBy = actor;
                r.basis = p.path("basis").asText();
                r.limit = Duration.ofSeconds(p.path("limitSeconds").asLong());
                r.startsAt = Instant.parse(p.path("startsAt").asText());
                r.dueAt = Instant.parse(p.path("dueAt").asText());
                emergencies.put(id, r);
                r.timeline.add(new Emergency.Entry(seq, at, type, actor, "declared: " + r.title));
                publish(r);
                return;
            }
            if (r == null) return;
            String text = switch (type) {
                case DRAFTED -> drafted(r, p, at, actor, zone);
                case PART -> {
                    Report rep = r.reports.get(p.path("report").asText());
                    if (rep != null) {
                        rep.terminals.addAll(JSON.convertValue(p.path("terminals"), new TypeReference<List<NetworkFacts.TerminalFact>>() {}));
                        rep.incidents.addAll(JSON.convertValue(p.path("incidents"), new TypeReference<List<NetworkFacts.IncidentFact>>() {}));
                        rep.snapshot = null;
                    }
                    yield null;
                }
                case EDITED -> {
                    Report rep = r.reports.get(p.path("report").asText());
                    if (rep != null) {
                        rep.narrative = rep.narrative.merge(JSON.treeToValue(p.path("narrative"), StatusReport.Narrative.class));
                        rep.snapshot = null;
                    }
                    yield "report " + p.path("report").asText() + " edited";
                }
                case APPROVED -> {
                    Report rep = r.reports.get(p.path("report").asText());
                    if (rep != null) {
                        rep.approvedBy = p.path("approvedBy").asText();
                        rep.approvedAt = at;
                        rep.snapshot = null;
                    }
                    yield "report " + p.path("report").asText() + " approved by " + p.path("approvedBy").asText();
                }
                case SUBMITTED -> {
                    Report rep = r.reports.get(p.path("report").asText());
                    if (rep != null) {
                        if (p.hasNonNull("narrative")) rep.narrative = rep.narrative.merge(JSON.treeToValue(p.path("narrative"), StatusReport.Narrative.class));
                        if (p.hasNonNull("approvedBy")) {
                            rep.approvedBy = p.path("approvedBy").asText();
                            rep.approvedAt = at;
                        }
                        rep.status = StatusReport.Status.SUBMITTED;
                        // the request's arrival (older events: the append)
                        rep.submittedAt = p.hasNonNull("submittedAt") ? Instant.parse(p.path("submittedAt").asText()) : at;
                        rep.submittedBy = actor;
                        if (p.hasNonNull("recordHead")) {
                            rep.recordHead = new StatusReport.RecordHead(p.path("recordHead").path("seq").asLong(), p.path("recordHead").path("hash").asText());
                        }
                        rep.snapshot = null;
                    }
                    yield rep == null ? null : "report " + rep.id + " (" + rep.kind.name().toLowerCase() + ") submitted";
                }
                case WARNING -> {
                    r.warnings.add(new Emergency.Warning(Duration.ofSeconds(p.path("leftSeconds").asLong()), at));
                    yield "report due in " + p.path("leftSeconds").asLong() / 60 + " min (" + time(p.path("dueAt")) + ")";
                }
                case OVERDUE -> {
                    r.overdueAt = at;
                    yield "report overdue: it was due at " + time(p.path("dueAt"));
                }
                case CLOSED -> {
                    r.status = Emergency.Status.CLOSED;
                    r.closedAt = at;
                    r.closedBy = actor;
                    r.closeNote = p.path("note").asText(null);
                    yield "closed" + (r.closeNote == null ? "" : ": " + r.closeNote);
                }
                default -> null;
            };
            if (text != null) r.timeline.add(new Emergency.Entry(seq, at, type, actor, text));
            publish(r);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("emergency event " + seq + " is not readable", e);
        }
    }

    private static String drafted(Rec r, JsonNode p, Instant at, String actor, ZoneId zone) throws java.io.IOException {
        String rid = p.path("report").asText();
        Report rep = r.reports.get(rid);
        boolean redraft = rep != null;
        if (rep == null) {
            rep = new Report();
            rep.id = rid;
            rep.number = p.path("number").asInt();
            r.reports.put(rid, rep);
        }
        rep.kind = ReportKind.valueOf(p.path("kind").asText());
        // the service completing a draft's facts from its fresh poll is not a new draft by a person
        boolean completed = p.hasNonNull("refresh");
        if (!completed || rep.draftedAt == null) {
            rep.draftedAt = at;
            rep.draftedBy = actor;
        }
        rep.header = JSON.treeToValue(p.path("facts"), NetworkFacts.class);
        rep.terminals = new ArrayList<>();
        rep.incidents = new ArrayList<>();
        rep.snapshot = null;
        NetworkFacts.Poll poll = rep.header.poll();
        String progress = poll == null ? "" : poll.complete() || poll.id() == null
                ? ": " + poll.answered() + " of " + poll.polled() + " terminals answered" + (poll.noAnswer() > 0 ? ", " + poll.noAnswer() + " did not" : "")
                : ": " + poll.answered() + " of " + poll.polled() + " answered so far, " + poll.noAnswer() + " not answering, " + poll.waiting()
                        + " still waited for";
        if (completed) {
            String why = "poll-done".equals(p.path("refresh").asText()) ? "the fresh poll finished" : "the fresh poll's wait ran out";
            return "report " + rid + " facts completed (" + why + ")" + progress;
        }
        String started = poll == null || poll.startedAt() == null ? "" : " started " + Times.clock(poll.startedAt(), zone);
        return "report " + rid + " (" + rep.kind.name().toLowerCase() + ") " + (redraft ? "redrafted" : "drafted") + " from the fresh poll"
                + started + progress;
    }

    private String time(JsonNode instant) {
        return instant.isTextual() ? Times.text(Instant.parse(instant.asText()), zone) : "—";
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    private void publish(Rec r) {
        Map<String, Emergency> next = new LinkedHashMap<>(snapshots);
        next.put(r.id, snapshot(r));
        snapshots = next;
    }

    private static Emergency snapshot(Rec r) {
        List<StatusReport> reports = new ArrayList<>();
        Instant firstSubmitted = null;
        for (Report rep : r.reports.values()) {
            if (rep.snapshot == null) {
                NetworkFacts h = rep.header;
                NetworkFacts facts = h == null ? null : new NetworkFacts(h.asOf(), h.poll(), h.counts(), List.copyOf(rep.terminals),
                        h.areas() == null ? List.of() : h.areas(), h.hubs(), h.beams(), List.copyOf(rep.incidents), h.tasks());
                rep.snapshot = new StatusReport(rep.id, r.id, rep.number, rep.kind, rep.status, rep.draftedAt, rep.draftedBy, facts, rep.narrative,
                        rep.approvedBy, rep.approvedAt, rep.submittedAt, rep.submittedBy, rep.recordHead);
            }
            reports.add(rep.snapshot);
            if (rep.kind == ReportKind.INITIAL && rep.submittedAt != null) firstSubmitted = rep.submittedAt;
        }
        Emergency.Clock clock = new Emergency.Clock(r.basis, r.limit, r.startsAt, r.dueAt, firstSubmitted, List.copyOf(r.warnings), r.overdueAt);
        return new Emergency(r.id, r.title, r.type, r.regions, r.onsetAt, r.declaredAt, r.declaredBy, clock, r.status, r.closedAt, r.closedBy,
                r.closeNote, List.copyOf(reports), List.copyOf(r.timeline));
    }

    public Emergency get(String id) { return snapshots.get(id); }

    public List<Emergency> find(Predicate<Emergency> filter) {
        return snapshots.values().stream().filter(filter).toList();
    }

    public Collection<Emergency> all() { return snapshots.values(); }

    public int size() { return snapshots.size(); }

    public synchronized MajorEvent event(String id) { return events.get(id); }

    public synchronized List<MajorEvent> events() { return List.copyOf(events.values()); }
}
