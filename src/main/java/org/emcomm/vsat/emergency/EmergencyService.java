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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import static org.emcomm.vsat.command.Refusal.enumOf;
import static org.emcomm.vsat.command.Refusal.required;

import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.config.Ticker;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.incident.Incident;
import org.emcomm.vsat.incident.IncidentRecords;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.journal.JournalService;
import org.emcomm.vsat.polling.CycleReport;
import org.emcomm.vsat.polling.PollingService;
import org.emcomm.vsat.polling.Sample;

/**
 * Emergencies and their status reports. Declaring one polls the affected terminals at once and keeps
 * them on the fast interval while it is open; drafting a report polls them afresh and records every
 * network fact; the clock warns before the first report is due and marks it overdue after. Commands
 * run one at a time; every change is a journal event.
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
    /** The poll each declaration starts, kept for the first draft: the report is built from that fresh poll. */
    private final java.util.Map<String, Fresh> declared = new java.util.concurrent.ConcurrentHashMap<>();

    private record Fresh(Instant startedAt, java.util.concurrent.CompletableFuture<CycleReport> poll) {}

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
        if (d.onsetAt().isAfter(now)) throw EmergencyException.invalid("onsetAt", "is in the future (" + d.onsetAt() + "); now is " + now);
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
            declared.put(id, new Fresh(now, polling.pollNow(area)));
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
     * Drafts the next report (or redrafts the open draft) from a fresh poll of the affected terminals.
     * {@code kind} null: INITIAL until one is submitted, then UPDATE.
     */
    public synchronized StatusReport draft(String id, String kind, String actor) {
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
        NetworkFacts facts = facts(e, area);
        ObjectNode p = EmergencyBook.JSON.createObjectNode().put("report", rid).put("number", number).put("kind", k.name());
        NetworkFacts header = new NetworkFacts(facts.asOf(), facts.poll(), facts.counts(), List.of(), facts.hubs(), facts.beams(), List.of(), facts.tasks());
        p.set("facts", EmergencyBook.JSON.valueToTree(header));
        int parts = Math.max((facts.terminals().size() + PART_SIZE - 1) / PART_SIZE, (facts.incidents().size() + PART_SIZE - 1) / PART_SIZE);
        p.put("parts", parts);
        append(EmergencyBook.DRAFTED, id, actor, p);
        for (int i = 0; i < parts; i++) {
            ObjectNode part = EmergencyBook.JSON.createObjectNode().put("report", rid).put("part", i + 1).put("of", parts);
            part.set("terminals", EmergencyBook.JSON.valueToTree(slice(facts.terminals(), i)));
            part.set("incidents", EmergencyBook.JSON.valueToTree(slice(facts.incidents(), i)));
            append(EmergencyBook.PART, id, actor, part);
        }
        Log.infof("emergency %s: report %s (%s) drafted: %d terminals, %d online, %d degraded, %d offline, %d unknown", id, rid, k,
                facts.counts().total(), facts.counts().online(), facts.counts().degraded(), facts.counts().offline(), facts.counts().unknown());
        return book().get(id).report(rid);
    }

    private static <T> List<T> slice(List<T> all, int part) {
        int from = Math.min(all.size(), part * PART_SIZE);
        return all.subList(from, Math.min(all.size(), from + PART_SIZE));
    }

    /**
     * Assembles the facts from a fresh poll of the area: the one the declaration started when it is
     * still running or younger than the fast interval, else a new one (waiting at most the configured time).
     */
    NetworkFacts facts(Emergency e, List<Terminal> area) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Fresh atDeclaration = declared.remove(e.id());
        java.util.concurrent.CompletableFuture<CycleReport> fresh;
        if (atDeclaration != null && (!atDeclaration.poll().isDone()
                || !atDeclaration.startedAt().plus(config.emergencies().fastInterval()).isBefore(started))) {
            fresh = atDeclaration.poll();
            started = atDeclaration.startedAt();
        } else {
            fresh = area.isEmpty() ? null : polling.pollNow(area);
        }
        int answered = 0;
        boolean complete = true;
        long millis = 0;
        if (fresh != null) {
            try {
                CycleReport r = fresh.get(config.emergencies().freshPollTimeout().toMillis(), TimeUnit.MILLISECONDS);
                answered = r.byStatus().getOrDefault(Sample.PollStatus.ANSWERED, 0);
                millis = r.durationMillis();
            } catch (TimeoutException ex) {
                complete = false;
                millis = (System.nanoTime() - t0) / 1_000_000;
                Log.warnf("emergency %s: the fresh poll of %d terminals did not finish within %s; the report uses what came in", e.id(),
                        area.size(), config.emergencies().freshPollTimeout());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while polling", ex);
            } catch (java.util.concurrent.ExecutionException ex) {
                throw new IllegalStateException("the fresh poll failed: " + ex.getCause(), ex.getCause());
            }
        }
        NetworkFacts.Poll poll = new NetworkFacts.Poll(started, millis, area.size(), answered, area.size() - answered, complete);
        List<SupportTask> support = tasks.book().find(t -> t.supports().kind() == SupportTask.Supports.Kind.EMERGENCY && t.supports().id().equals(e.id()));
        return ReportBuilder.build(inventory, area, health::status, incidents.book().find(Incident::active), support, poll, clock.instant());
    }

    public synchronized StatusReport edit(String id, String rid, StatusReport.Narrative narrative, String actor) {
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

    public synchronized StatusReport approve(String id, String rid, String approvedBy, String actor) {
        StatusReport r = draftOf(id, rid);
        String by = approvedBy == null || approvedBy.isBlank() ? actor : required("approvedBy", approvedBy, 100);
        append(EmergencyBook.APPROVED, id, actor, EmergencyBook.JSON.createObjectNode().put("report", r.id()).put("approvedBy", by));
        return book().get(id).report(rid);
    }

    /** Submits a draft: it needs an approver (given now or by an earlier approval). The submission time is what the indicator measures. */
    public synchronized StatusReport submit(String id, String rid, StatusReport.Narrative narrative, String approvedBy, String actor) {
        StatusReport r = draftOf(id, rid);
        if (narrative != null) checkNarrative(narrative);
        if ((approvedBy == null || approvedBy.isBlank()) && r.approvedBy() == null) {
            throw EmergencyException.invalid("approvedBy", "a report is submitted with its approver: give approvedBy or approve it first");
        }
        ObjectNode p = EmergencyBook.JSON.createObjectNode().put("report", r.id()).put("kind", r.kind().name());
        if (narrative != null && !narrative.equals(StatusReport.Narrative.EMPTY)) p.set("narrative", EmergencyBook.JSON.valueToTree(narrative));
        if (approvedBy != null && !approvedBy.isBlank()) p.put("approvedBy", required("approvedBy", approvedBy, 100));
        Emergency e = book().get(id);
        if (r.kind() == ReportKind.INITIAL) {
            Instant now = clock.instant();
            p.put("dueAt", e.clock().dueAt().toString()).put("onTime", !now.isAfter(e.clock().dueAt()))
                    .put("tookSeconds", Duration.between(e.clock().startsAt(), now).toSeconds());
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

    private void checkNarrative(StatusReport.Narrative n) {
        if (n.summary() != null && n.summary().length() > 20_000) throw EmergencyException.invalid("summary", "longer than 20,000 characters");
        if (n.actionsTaken() != null && n.actionsTaken().length() > 20_000) throw EmergencyException.invalid("actionsTaken", "longer than 20,000 characters");
        if (n.restorationEstimate() != null && n.restorationEstimate().length() > 2_000) {
            throw EmergencyException.invalid("restorationEstimate", "longer than 2,000 characters");
        }
        if (n.preparedBy() != null && n.preparedBy().length() > 100) throw EmergencyException.invalid("preparedBy", "longer than 100 characters");
    }

    private StatusReport draftOf(String id, String rid) {
        Emergency e = open(id);
        StatusReport r = e.report(rid);
        if (r == null) throw EmergencyException.notFound("report", id + "/" + rid);
        if (r.status() != StatusReport.Status.DRAFT) throw EmergencyException.conflict("report " + id + "/" + rid + " is already submitted");
        return r;
    }

    public synchronized Emergency close(String id, String note, String actor) {
        Emergency e = open(id);
        if (e.reports().stream().noneMatch(r -> r.kind() == ReportKind.FINAL && r.status() == StatusReport.Status.SUBMITTED)) {
            throw EmergencyException.conflict("emergency " + id + " closes after its final report is submitted");
        }
        ObjectNode p = EmergencyBook.JSON.createObjectNode();
        if (note != null && !note.isBlank()) p.put("note", note);
        append(EmergencyBook.CLOSED, id, actor, p);
        polling.endFaster(owner(id));
        declared.remove(id);
        return book().get(id);
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
        for (Emergency e : book().find(Emergency::open)) {
            Emergency.Clock c = e.clock();
            if (c.submittedAt() != null) continue;
            if (now.isAfter(c.dueAt())) {
                if (c.overdueAt() == null) {
                    append(EmergencyBook.OVERDUE, e.id(), "system", EmergencyBook.JSON.createObjectNode().put("dueAt", c.dueAt().toString()));
                    Log.errorf("emergency %s: the first status report is OVERDUE (due %s)", e.id(), c.dueAt());
                }
                continue;
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

    private void append(String type, String id, String actor, ObjectNode payload) {
        try {
            journal.append(EmergencyBook.STREAM, type, id, actor, EmergencyBook.JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
