package org.emcomm.vsat.emergency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import static org.emcomm.vsat.command.Refusal.enumOf;
import static org.emcomm.vsat.command.Refusal.required;

import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.config.Ticker;
import org.emcomm.vsat.config.Times;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.incident.Incident;
import org.emcomm.vsat.incident.IncidentRecords;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.JournalService;
import org.emcomm.vsat.polling.FreshPoll;
import org.emcomm.vsat.polling.PollingService;

/**
 * Emergencies and their status reports. Declaring one polls the affected terminals at once and keeps
 * them on the fast interval while it is open; drafting a report records every network fact from that
 * fresh poll as far as it has come, and completes the draft when the poll settles; the clock warns
 * before the first report is due and marks it overdue after. Commands run one at a time and none waits
 * for SNMP: a silent hub slows the fresh poll, never a declaration, a submission or the clock.
 * Every change is a journal event.
 */
@ApplicationScoped
public class EmergencyService {
    /** Terminals (and incidents) per report-part event: keeps each event well under InfluxDB's string limit. */
    static final int PART_SIZE = 200;

    private final EmcommConfig config;
    private final Inventory inventory;
    private final NetworkHealth health;
    private final PollingService polling;
    private final JournalService journal;
    private final EmergencyRecords records;
    private final TaskRecords tasks;
    private final IncidentRecords incidents;
    private final Clock clock;
    private Ticker ticker;
    /**
     * One lock per emergency for its reports and closing, so a large draft being completed for one emergency never holds
     * up another's submission; declarations, major events and the clock check take the service's own lock (the clock
     * check then each emergency's, in that order only).
     */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private Object lockOf(String id) { return locks.computeIfAbsent(id, k -> new Object()); }

    /** Emergencies with a submission that has arrived and is not yet recorded: no warning or overdue mark meanwhile. */
    private final Map<String, Integer> submitting = new ConcurrentHashMap<>();

    /** Each open emergency's latest fresh poll of its area: the declaration starts one, a draft reuses it while it runs or
     * is younger than the fast interval. Nothing waits on it; drafts built from it complete themselves when it settles. */
    private final Map<String, FreshPoll> polls = new ConcurrentHashMap<>();
    /** Completes drafts when their fresh poll settles: off the pollers' threads, which must not write the journal. */
    private final ExecutorService completions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emergency-drafts");
        t.setDaemon(true);
        return t;
    });

    EmergencyService(EmcommConfig config, Inventory inventory, NetworkHealth health, PollingService polling, JournalService journal,
                     EmergencyRecords records, TaskRecords tasks, IncidentRecords incidents, Clock clock) {
        this.config = config;
        this.inventory = inventory;
        this.health = health;
        this.polling = polling;
        this.journal = journal;
        this.records = records;
        this.tasks = tasks;
        this.incidents = incidents;
        this.clock = clock;
    }

    void start(@Observes @Priority(180) StartupEvent event) {
        List<Duration> warnings = config.emergencies().warnings();
        for (Duration w : warnings) {
            if (w.isNegative() || w.isZero() || w.compareTo(config.emergencies().reportLimit()) >= 0) {
                throw new IllegalArgumentException("emcomm.emergencies.warnings: " + w + " must be above zero and below the report limit "
                        + config.emergencies().reportLimit());
            }
        }
        for (Emergency e : book().find(Emergency::open)) {
            polling.pollFaster(owner(e.id()), ReportBuilder.affected(inventory, e.regions()), config.emergencies().fastInterval());
        }
        ticker = Ticker.every("emergency-clock", config.emergencies().tick(), "emergency clock check", this::checkClocks);
        Log.infof("emergencies: %d in the journal, %d open; first report due %s after the %s", book().size(),
                book().find(Emergency::open).size(), config.emergencies().reportLimit(), config.emergencies().clockFrom().name().toLowerCase(Locale.ROOT));
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) ticker.close();
        completions.shutdownNow();
    }

    public EmergencyBook book() { return records.book(); }

    private static String owner(String id) { return "emergency " + id; }

    // ---- declare ----------------------------------------------------------------------------

    /** What a caller asks for; fields are checked here so every error names its field. */
    public record Declaration(String title, String type, List<String> regions, Instant onsetAt) {}

    public synchronized Emergency declare(Declaration d, String actor) {
        if (d == null) throw EmergencyException.invalid("title", "a declaration needs a body: title, type, regions, onsetAt");
        String title = required("title", d.title(), 200);
        EmergencyType type = enumOf(EmergencyType.class, "type", d.type());
        List<String> regions = regions(d.regions());
        if (d.onsetAt() == null) throw EmergencyException.invalid("onsetAt", "is required (ISO-8601 time with offset)");
        Instant now = clock.instant();
        if (d.onsetAt().isAfter(now)) {
            throw EmergencyException.invalid("onsetAt", "is in the future (" + Times.text(d.onsetAt(), config.zone()) + "); now is " + Times.text(now, config.zone()));
        }
        var c = config.emergencies();
        Instant startsAt = c.clockFrom() == EmcommConfig.Emergencies.ClockStart.ONSET ? d.onsetAt() : now;
        Instant dueAt = startsAt.plus(c.reportLimit());
        List<Terminal> area = ReportBuilder.affected(inventory, regions);
        String id = String.format(Locale.ROOT, "EM-%06d", book().size() + 1);
        ObjectNode p = EmergencyBook.JSON.createObjectNode().put("title", title).put("type", type.name());
        regions.forEach(p.putArray("regions")::add);
        p.put("onsetAt", d.onsetAt().toString()).put("basis", c.clockFrom().name().toLowerCase(Locale.ROOT))
                .put("limitSeconds", c.reportLimit().toSeconds()).put("startsAt", startsAt.toString()).put("dueAt", dueAt.toString())
                .put("terminalCount", area.size());
        append(EmergencyBook.DECLARED, id, actor, p);
        Log.warnf("emergency %s declared: %s (%s) over %s, %d terminals; first status report due %s", id, title, type, regions, area.size(), dueAt);
        if (!area.isEmpty()) {
            polling.pollFaster(owner(id), area, c.fastInterval());
            polls.put(id, polling.freshPoll(area));
        }
        return book().get(id);
    }

    private List<String> regions(List<String> given) {
        if (given == null || given.isEmpty()) throw EmergencyException.invalid("regions", "at least one region id is required");
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String r = given.get(i);
            if (r == null || r.isBlank()) throw EmergencyException.invalid("regions[" + i + "]", "is empty");
            if (inventory.region(r.trim()) == null) {
                throw EmergencyException.invalid("regions[" + i + "]", "'" + r + "' is not a region of the inventory");
            }
            out.add(r.trim());
        }
        return List.copyOf(out);
    }

    // ---- reports ----------------------------------------------------------------------------

    /**
     * Drafts the next report (or redrafts the open draft) from the fresh poll of the affected terminals, at once: the
     * facts are what is known now, and say how far the poll has come (answered, not answering, still waited for, per
     * prefecture and county). When the poll settles (every answer in, or the fresh-poll timeout) the draft's facts are
     * completed by the service ({@link #complete}), unless it was submitted meanwhile. {@code kind} null: INITIAL
     * until one is submitted, then UPDATE.
     */
    public StatusReport draft(String id, String kind, String actor) {
        synchronized (lockOf(id)) {
            Emergency e = open(id);
            ReportKind k = kind == null ? null : enumOf(ReportKind.class, "kind", kind);
            boolean initialSubmitted = e.reports().stream().anyMatch(r -> r.kind() == ReportKind.INITIAL && r.status() == StatusReport.Status.SUBMITTED);
            if (e.reports().stream().anyMatch(r -> r.kind() == ReportKind.FINAL && r.status() == StatusReport.Status.SUBMITTED)) {
                throw EmergencyException.conflict("emergency " + id + " has its final report; close it instead");
            }
            if (k == null) k = initialSubmitted ? ReportKind.UPDATE : ReportKind.INITIAL;
            if (k == ReportKind.INITIAL && initialSubmitted) throw EmergencyException.conflict("the initial report of " + id + " is already submitted; draft an UPDATE or FINAL");
            if (k != ReportKind.INITIAL && !initialSubmitted) throw EmergencyException.invalid("kind", k + " comes after the initial report; submit that first");
            StatusReport draft = e.reports().stream().filter(r -> r.status() == StatusReport.Status.DRAFT).findFirst().orElse(null);
            String rid = draft != null ? draft.id() : "R" + (e.reports().size() + 1);
            int number = draft != null ? draft.number() : e.reports().size() + 1;
            List<Terminal> area = ReportBuilder.affected(inventory, e.regions());
            FreshPoll fresh = freshPoll(e, area);
            NetworkFacts facts = facts(e, area, fresh);
            write(id, rid, number, k, facts, null, actor);
            if (fresh != null && !facts.poll().complete()) {
                fresh.settled(config.emergencies().freshPollTimeout()).thenRunAsync(() -> complete(id, rid, fresh), completions);
                fresh.done().thenRunAsync(() -> complete(id, rid, fresh), completions);
            }
            return book().get(id).report(rid);
        }
    }

    /** The area's fresh poll: the running one, or the last one while younger than the fast interval, else a new one. */
    private FreshPoll freshPoll(Emergency e, List<Terminal> area) {
        if (area.isEmpty()) return null;
        FreshPoll last = polls.get(e.id());
        Instant now = clock.instant();
        if (last != null && (!last.complete() || last.startedAt().plus(config.emergencies().fastInterval()).isAfter(now))) return last;
        FreshPoll started = polling.freshPoll(area);
        polls.put(e.id(), started);
        return started;
    }

    /**
     * Completes a draft's facts from its fresh poll as it stands now (it settled: done, or the timeout passed). Only a
     * draft still built on this poll and not yet complete changes; a submitted report keeps the facts it was submitted with.
     */
    void complete(String id, String rid, FreshPoll fresh) {
        synchronized (lockOf(id)) {
            Emergency e = book().get(id);
            if (e == null || !e.open()) return;
            StatusReport r = e.report(rid);
            if (r == null || r.status() != StatusReport.Status.DRAFT || r.facts() == null) return;
            NetworkFacts.Poll had = r.facts().poll();
            if (had == null || !fresh.id().equals(had.id()) || had.complete()) return;
            NetworkFacts.Poll now = ReportBuilder.poll(fresh);
            if (!now.complete() && now.answered() == had.answered() && now.noAnswer() == had.noAnswer()) return; // nothing new came in
            NetworkFacts facts = facts(e, ReportBuilder.affected(inventory, e.regions()), fresh);
            write(id, rid, r.number(), r.kind(), facts, now.complete() ? "poll-done" : "poll-timeout", "system");
            Log.infof("emergency %s: report %s facts completed from fresh poll %s: %d polled, %d answered, %d not answering, %d still waited for",
                    id, rid, fresh.id(), now.polled(), now.answered(), now.noAnswer(), now.waiting());
        }
    }

    /** The draft's facts as events: the header, then the terminals and incidents in parts, in one journal group. */
    private void write(String id, String rid, int number, ReportKind k, NetworkFacts facts, String refresh, String actor) {
        ObjectNode p = EmergencyBook.JSON.createObjectNode().put("report", rid).put("number", number).put("kind", k.name());
        if (refresh != null) p.put("refresh", refresh);
        NetworkFacts header = new NetworkFacts(facts.asOf(), facts.poll(), facts.counts(), List.of(), facts.areas(), facts.hubs(), facts.beams(),
                List.of(), facts.tasks());
        p.set("facts", EmergencyBook.JSON.valueToTree(header));
        int parts = Math.max((facts.terminals().size() + PART_SIZE - 1) / PART_SIZE, (facts.incidents().size() + PART_SIZE - 1) / PART_SIZE);
        p.put("parts", parts);
        List<ObjectNode> events = new ArrayList<>(parts + 1);
        events.add(p);
        for (int i = 0; i < parts; i++) {
            ObjectNode part = EmergencyBook.JSON.createObjectNode().put("report", rid).put("part", i + 1).put("of", parts);
            part.set("terminals", EmergencyBook.JSON.valueToTree(slice(facts.terminals(), i)));
            part.set("incidents", EmergencyBook.JSON.valueToTree(slice(facts.incidents(), i)));
            events.add(part);
        }
        List<JournalEvent.Draft> drafts = new ArrayList<>(events.size());
        Instant at = clock.instant();
        for (int i = 0; i < events.size(); i++) drafts.add(draftOf(i == 0 ? EmergencyBook.DRAFTED : EmergencyBook.PART, id, actor, events.get(i), at));
        journal.appendAll(drafts);
        NetworkFacts.Counts c = facts.counts();
        NetworkFacts.Poll poll = facts.poll();
        if (refresh == null) {
            Log.infof("emergency %s: report %s (%s) drafted: %d terminals, %d online, %d degraded, %d offline, %d unknown, %d unconfirmed;"
                            + " fresh poll %s: %d answered, %d not answering, %d waited for", id, rid, k, c.total(), c.online(), c.degraded(), c.offline(),
                    c.unknown(), c.unconfirmed(), poll.complete() ? "done" : "under way", poll.answered(), poll.noAnswer(), poll.waiting());
        }
    }

    private static <T> List<T> slice(List<T> all, int part) {
        int from = Math.min(all.size(), part * PART_SIZE);
        return all.subList(from, Math.min(all.size(), from + PART_SIZE));
    }

    /** The facts of the area now: the terminals' states, and the fresh poll as far as it has come. */
    NetworkFacts facts(Emergency e, List<Terminal> area, FreshPoll fresh) {
        List<SupportTask> support = tasks.book().find(t -> t.supports().kind() == SupportTask.Supports.Kind.EMERGENCY && t.supports().id().equals(e.id()));
        return ReportBuilder.build(inventory, area, health::status, fresh, incidents.book().find(Incident::active), support, clock.instant());
    }

    /** The fresh poll of this emergency's area as it stands (the console shows its progress), or null. */
    public FreshPoll.Progress pollProgress(String id) {
        FreshPoll p = polls.get(id);
        return p == null ? null : p.progress();
    }

    public StatusReport edit(String id, String rid, StatusReport.Narrative narrative, String actor) {
        synchronized (lockOf(id)) {
            StatusReport r = draftOf(id, rid);
            if (narrative == null || narrative.equals(StatusReport.Narrative.EMPTY)) {
                throw EmergencyException.invalid("summary", "nothing to change: give summary, actionsTaken, restorationEstimate, nextUpdateAt or preparedBy");
            }
            checkNarrative(narrative);
            ObjectNode p = EmergencyBook.JSON.createObjectNode().put("report", r.id());
            p.set("narrative", EmergencyBook.JSON.valueToTree(narrative));
            append(EmergencyBook.EDITED, id, actor, p);
            return book().get(id).report(rid);
        }
    }

    public StatusReport approve(String id, String rid, String approvedBy, String actor) {
        synchronized (lockOf(id)) {
            StatusReport r = draftOf(id, rid);
            String by = approvedBy == null || approvedBy.isBlank() ? actor : required("approvedBy", approvedBy, 100);
            append(EmergencyBook.APPROVED, id, actor, EmergencyBook.JSON.createObjectNode().put("report", r.id()).put("approvedBy", by));
            return book().get(id).report(rid);
        }
    }

    /**
     * Submits a draft: it needs an approver (given now or by an earlier approval). The submission time is what the
     * indicator measures: the moment the request arrived, taken before anything else runs.
     */
    public StatusReport submit(String id, String rid, StatusReport.Narrative narrative, String approvedBy, String actor) {
        Instant arrived = clock.instant();
        submitting.merge(id, 1, Integer::sum); // the clock check leaves it alone until this is recorded
        try {
            synchronized (lockOf(id)) {
                return submit(id, rid, narrative, approvedBy, actor, arrived);
            }
        } finally {
            submitting.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    private StatusReport submit(String id, String rid, StatusReport.Narrative narrative, String approvedBy, String actor, Instant arrived) {
        StatusReport r = draftOf(id, rid);
        if (narrative != null) checkNarrative(narrative);
        if ((approvedBy == null || approvedBy.isBlank()) && r.approvedBy() == null) {
            throw EmergencyException.invalid("approvedBy", "a report is submitted with its approver: give approvedBy or approve it first");
        }
        ObjectNode p = EmergencyBook.JSON.createObjectNode().put("report", r.id()).put("kind", r.kind().name()).put("submittedAt", arrived.toString());
        org.emcomm.vsat.journal.Journal.Head head = journal.head(); // the chain as it stood when the report was submitted
        p.putObject("recordHead").put("seq", head.seq()).put("hash", head.hash());
        if (narrative != null && !narrative.equals(StatusReport.Narrative.EMPTY)) p.set("narrative", EmergencyBook.JSON.valueToTree(narrative));
        if (approvedBy != null && !approvedBy.isBlank()) p.put("approvedBy", required("approvedBy", approvedBy, 100));
        Emergency e = book().get(id);
        if (r.kind() == ReportKind.INITIAL) {
            p.put("dueAt", e.clock().dueAt().toString()).put("onTime", !arrived.isAfter(e.clock().dueAt()))
                    .put("tookSeconds", Duration.between(e.clock().startsAt(), arrived).toSeconds());
        }
        append(EmergencyBook.SUBMITTED, id, actor, p);
        Emergency after = book().get(id);
        StatusReport done = after.report(rid);
        if (done.kind() == ReportKind.INITIAL) {
            Log.infof("emergency %s: initial report submitted %s (due %s, took %s)", id, after.clock().onTime() ? "on time" : "LATE",
                    after.clock().dueAt(), after.clock().took());
        }
        return done;
    }

    private static void checkNarrative(StatusReport.Narrative n) {
        org.emcomm.vsat.command.Refusal.optional("summary", n.summary(), 20_000);
        org.emcomm.vsat.command.Refusal.optional("actionsTaken", n.actionsTaken(), 20_000);
        org.emcomm.vsat.command.Refusal.optional("restorationEstimate", n.restorationEstimate(), 2_000);
        org.emcomm.vsat.command.Refusal.optional("preparedBy", n.preparedBy(), 100);
    }

    private StatusReport draftOf(String id, String rid) {
        Emergency e = open(id);
        StatusReport r = e.report(rid);
        if (r == null) throw EmergencyException.notFound("report", id + "/" + rid);
        if (r.status() != StatusReport.Status.DRAFT) throw EmergencyException.conflict("report " + id + "/" + rid + " is already submitted");
        return r;
    }

    public Emergency close(String id, String note, String actor) {
        synchronized (lockOf(id)) {
            Emergency e = open(id);
            if (e.reports().stream().noneMatch(r -> r.kind() == ReportKind.FINAL && r.status() == StatusReport.Status.SUBMITTED)) {
                throw EmergencyException.conflict("emergency " + id + " closes after its final report is submitted");
            }
            ObjectNode p = EmergencyBook.JSON.createObjectNode();
            if (note != null && !note.isBlank()) p.put("note", org.emcomm.vsat.command.Refusal.limit("note", note.strip(), 8_000));
            append(EmergencyBook.CLOSED, id, actor, p);
            polling.endFaster(owner(id));
            polls.remove(id);
            return book().get(id);
        }
    }

    private Emergency open(String id) {
        Emergency e = book().get(id);
        if (e == null) throw EmergencyException.notFound("emergency", id);
        if (!e.open()) throw EmergencyException.conflict("emergency " + id + " is closed");
        return e;
    }

    // ---- the report clock -------------------------------------------------------------------

    /** Warns once per configured point before the first report is due, and marks it overdue once. */
    public synchronized void checkClocks() {
        Instant now = clock.instant();
        List<Duration> points = new ArrayList<>(config.emergencies().warnings());
        points.sort(Comparator.naturalOrder()); // most urgent first
        for (Emergency open : book().find(Emergency::open)) {
            if (submitting.containsKey(open.id())) continue; // it arrived before this check: its time decides
            synchronized (lockOf(open.id())) {
                checkClock(book().get(open.id()), now, points);
            }
        }
    }

    private void checkClock(Emergency e, Instant now, List<Duration> points) {
        Emergency.Clock c = e.clock();
        if (c.submittedAt() != null) return;
        if (now.isAfter(c.dueAt())) {
            if (c.overdueAt() == null) {
                append(EmergencyBook.OVERDUE, e.id(), "system", EmergencyBook.JSON.createObjectNode().put("dueAt", c.dueAt().toString()));
                Log.errorf("emergency %s: the first status report is OVERDUE (due %s)", e.id(), c.dueAt());
            }
            return;
        }
        Duration left = Duration.between(now, c.dueAt());
        // the most urgent point reached; points passed over meanwhile are not announced late
        for (Duration w : points) {
            if (left.compareTo(w) > 0) continue;
            boolean given = c.warnings().stream().anyMatch(x -> x.left().compareTo(w) <= 0);
            if (!given) {
                append(EmergencyBook.WARNING, e.id(), "system", EmergencyBook.JSON.createObjectNode().put("leftSeconds", w.toSeconds())
                        .put("secondsLeft", left.toSeconds()).put("dueAt", c.dueAt().toString()).put("title", e.title()));
                Log.warnf("emergency %s: first status report due in %d min %02d s (at %s)", e.id(), left.toMinutes(), left.toSecondsPart(), c.dueAt());
            }
            break;
        }
    }

    // ---- major events -----------------------------------------------------------------------

    public record Plan(String title, List<String> regions, Instant startAt, Instant endAt) {}

    public synchronized MajorEvent plan(Plan plan, String actor) {
        if (plan == null) throw EmergencyException.invalid("title", "a major event needs a body: title, regions, startAt, endAt");
        String title = required("title", plan.title(), 200);
        List<String> regions = regions(plan.regions());
        if (plan.startAt() == null) throw EmergencyException.invalid("startAt", "is required");
        if (plan.endAt() == null) throw EmergencyException.invalid("endAt", "is required");
        if (!plan.endAt().isAfter(plan.startAt())) throw EmergencyException.invalid("endAt", "must be after startAt");
        String id = String.format(Locale.ROOT, "ME-%06d", book().events().size() + 1);
        ObjectNode p = EmergencyBook.JSON.createObjectNode().put("title", title);
        regions.forEach(p.putArray("regions")::add);
        p.put("startAt", plan.startAt().toString()).put("endAt", plan.endAt().toString());
        append(EmergencyBook.EVENT_PLANNED, id, actor, p);
        return book().event(id);
    }

    public synchronized MajorEvent cancelEvent(String id, String reason, String actor) {
        MajorEvent e = book().event(id);
        if (e == null) throw EmergencyException.notFound("major event", id);
        if (e.cancelledAt() != null) throw EmergencyException.conflict("major event " + id + " is already cancelled");
        append(EmergencyBook.EVENT_CANCELLED, id, actor, EmergencyBook.JSON.createObjectNode().put("reason", required("reason", reason, 2000)));
        return book().event(id);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static JournalEvent.Draft draftOf(String type, String id, String actor, ObjectNode payload, Instant at) {
        try {
            return new JournalEvent.Draft(EmergencyBook.STREAM, type, id, actor, EmergencyBook.JSON.writeValueAsString(payload), at);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void append(String type, String id, String actor, ObjectNode payload) {
        try {
            journal.append(EmergencyBook.STREAM, type, id, actor, EmergencyBook.JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
