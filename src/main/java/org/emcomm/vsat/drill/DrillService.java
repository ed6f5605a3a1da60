package org.emcomm.vsat.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import static org.emcomm.vsat.command.Refusal.enumOf;
import static org.emcomm.vsat.command.Refusal.limit;
import static org.emcomm.vsat.command.Refusal.required;

import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.config.Ticker;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.journal.JournalService;
import org.emcomm.vsat.polling.FreshPoll;
import org.emcomm.vsat.polling.PollingService;

/**
 * Drills from plan to closed record. Starting one polls its terminals afresh and keeps them on the fast
 * interval while it runs; {@link DrillWatch} times each terminal's first UP after the start. Commands run one
 * at a time and none waits for SNMP: a verification round records itself when its poll settles. Every
 * change is a journal event.
 */
@ApplicationScoped
public class DrillService {
    /** Terminals per verification event: keeps each event well under InfluxDB 1.x's 64 KB string field. */
    static final int PART_SIZE = 150;
    static final int MAX_TERMINALS = 20_000;

    private final EmcommConfig config;
    private final Inventory inventory;
    private final PollingService polling;
    private final JournalService journal;
    private final DrillRecords records;
    private final DrillWatch watch;
    private final Clock clock;
    private final AttachmentStore attachments;
    private Ticker ticker;
    /** Each running drill's verification round under way. */
    private final java.util.Map<String, Round> rounds = new java.util.concurrent.ConcurrentHashMap<>();
    /** Records rounds when their poll settles: off the pollers' threads, which must not write the journal. */
    private final java.util.concurrent.ExecutorService recorder = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "drill-rounds");
        t.setDaemon(true);
        return t;
    });

    DrillService(EmcommConfig config, Inventory inventory, PollingService polling, JournalService journal, DrillRecords records, DrillWatch watch,
                 Clock clock) {
        this.config = config;
        this.inventory = inventory;
        this.polling = polling;
        this.journal = journal;
        this.records = records;
        this.watch = watch;
        this.clock = clock;
        this.attachments = new AttachmentStore(Path.of(config.dataDir()).resolve("drills").resolve("attachments"),
                config.drills().attachmentMaxBytes(), config.drills().attachmentTypes());
    }

    void start(@Observes @Priority(185) StartupEvent event) {
        for (Drill d : book().find(d -> d.status() == Drill.Status.IN_PROGRESS)) follow(d);
        ticker = Ticker.every("drill-clock", config.drills().tick(), "drill clock check", () -> {
            flush();
            checkActions();
        });
        Log.infof("drills: %d in the journal, %d in progress; target %d completed a year", book().size(),
                book().find(d -> d.status() == Drill.Status.IN_PROGRESS).size(), config.drills().target());
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) ticker.close();
        recorder.shutdownNow();
    }

    public DrillBook book() { return records.book(); }

    private static String owner(String id) { return "drill " + id; }

    // ---- plan -------------------------------------------------------------------------------

    public record ParticipantInput(String organisation, String role, String name, Integer count) {}

    public record ResourcesInput(Integer people, Integer vehicles, String satelliteCapacity, String notes) {}

    /** A plan, or (for {@link #revise}) the fields to change: null leaves a field as it is. */
    public record PlanInput(String codeName, String title, String type, String scope, String purpose, String organiser, List<String> coOrganisers,
                            Instant plannedStart, Instant plannedEnd, String location, String scenario, String simulatedLevel,
                            List<String> objectives, List<String> subjects, List<ParticipantInput> participants, ResourcesInput resources,
                            List<String> regions, List<String> terminals) {}

    public synchronized Drill plan(PlanInput in, String actor) {
        if (in == null) throw DrillException.invalid("codeName", "a plan needs a body: codeName, type, organiser, plannedStart, plannedEnd, objectives");
        ObjectNode p = planFields(in, true, null);
        String id = String.format(Locale.ROOT, "DRILL-%06d", book().size() + 1);
        append(DrillBook.PLANNED, id, actor, p);
        Drill d = book().get(id);
        Log.infof("drill %s planned: %s, %s to %s, %d terminals", id, d.codeName(), d.plannedStart(), d.plannedEnd(), d.terminals().size());
        return d;
    }

    /** Changes plan fields while the drill is still planned. */
    public synchronized Drill revise(String id, PlanInput in, String actor) {
        Drill d = existing(id);
        if (d.status() != Drill.Status.PLANNED) throw DrillException.conflict("drill " + id + " is " + d.status() + "; only a planned drill's plan can change");
        if (in == null) throw DrillException.invalid("codeName", "give the plan fields to change");
        ObjectNode p = planFields(in, false, d);
        if (p.isEmpty()) throw DrillException.invalid("codeName", "nothing to change: give at least one plan field");
        append(DrillBook.REVISED, id, actor, p);
        return book().get(id);
    }

    /** Checks the given fields and writes them as a payload; {@code full}: every required field must be there. */
    private ObjectNode planFields(PlanInput in, boolean full, Drill old) {
        ObjectNode p = DrillBook.JSON.createObjectNode();
        if (full || in.codeName() != null) p.put("codeName", required("codeName", in.codeName(), 100));
        if (in.title() != null) p.put("title", limit("title", in.title(), 200));
        if (full || in.type() != null) p.put("type", enumOf(DrillKinds.Type.class, "type", in.type()).name());
        if (in.scope() != null) p.put("scope", enumOf(DrillKinds.Scope.class, "scope", in.scope()).name());
        if (full || in.purpose() != null) {
            p.put("purpose", in.purpose() == null ? DrillKinds.Purpose.TEST.name() : enumOf(DrillKinds.Purpose.class, "purpose", in.purpose()).name());
        }
        if (full || in.organiser() != null) p.put("organiser", required("organiser", in.organiser(), 200));
        if (in.coOrganisers() != null) texts(p.putArray("coOrganisers"), "coOrganisers", in.coOrganisers(), 200);
        Instant start = in.plannedStart() != null ? in.plannedStart() : old == null ? null : old.plannedStart();
        Instant end = in.plannedEnd() != null ? in.plannedEnd() : old == null ? null : old.plannedEnd();
        if (start == null) throw DrillException.invalid("plannedStart", "is required (ISO-8601 time with offset)");
        if (end == null) throw DrillException.invalid("plannedEnd", "is required (ISO-8601 time with offset)");
        if (!end.isAfter(start)) throw DrillException.invalid("plannedEnd", "must be after plannedStart");
        if (in.plannedStart() != null) p.put("plannedStart", start.toString());
        if (in.plannedEnd() != null) p.put("plannedEnd", end.toString());
        if (in.location() != null) p.put("location", limit("location", in.location(), 500));
        if (in.scenario() != null) p.put("scenario", limit("scenario", in.scenario(), 20_000));
        if (in.simulatedLevel() != null) p.put("simulatedLevel", level(in.simulatedLevel()).name());
        if (full || in.objectives() != null) {
            if (in.objectives() == null || in.objectives().isEmpty()) throw DrillException.invalid("objectives", "at least one objective is required: what the drill must prove");
            ArrayNode a = p.putArray("objectives");
            for (int i = 0; i < in.objectives().size(); i++) {
                a.addObject().put("id", "O" + (i + 1)).put("text", required("objectives[" + i + "]", in.objectives().get(i), 1000));
            }
        }
        if (in.subjects() != null) texts(p.putArray("subjects"), "subjects", in.subjects(), 500);
        if (in.participants() != null) {
            ArrayNode a = p.putArray("participants");
            for (int i = 0; i < in.participants().size(); i++) {
                ParticipantInput x = in.participants().get(i);
                String f = "participants[" + i + "]";
                if (x == null) throw DrillException.invalid(f, "is empty");
                ObjectNode o = a.addObject().put("organisation", required(f + ".organisation", x.organisation(), 200))
                        .put("role", enumOf(DrillKinds.Role.class, f + ".role", x.role()).name());
                if (x.name() != null) o.put("name", limit(f + ".name", x.name(), 200));
                if (x.count() != null) o.put("count", nonNegative(f + ".count", x.count()));
            }
        }
        if (in.resources() != null) {
            ResourcesInput r = in.resources();
            ObjectNode o = p.putObject("resources");
            if (r.people() != null) o.put("people", nonNegative("resources.people", r.people()));
            if (r.vehicles() != null) o.put("vehicles", nonNegative("resources.vehicles", r.vehicles()));
            if (r.satelliteCapacity() != null) o.put("satelliteCapacity", limit("resources.satelliteCapacity", r.satelliteCapacity(), 200));
            if (r.notes() != null) o.put("notes", limit("resources.notes", r.notes(), 2000));
        }
        if (full || in.regions() != null || in.terminals() != null) {
            List<String> regions = in.regions() != null ? regions(in.regions()) : old == null ? List.of() : old.regions();
            LinkedHashSet<String> ts = new LinkedHashSet<>();
            for (Terminal t : inventory.terminals()) {
                for (String r : regions) {
                    if (inventory.within(t.region(), r)) {
                        ts.add(t.id());
                        break;
                    }
                }
            }
            List<String> given = in.terminals() != null ? in.terminals() : old == null ? List.of() : explicit(old);
            for (int i = 0; i < given.size(); i++) {
                String t = given.get(i);
                if (t == null || inventory.terminal(t.trim()) == null) throw DrillException.invalid("terminals[" + i + "]", "'" + t + "' is not a terminal of the inventory");
                ts.add(t.trim());
            }
            if (ts.size() > MAX_TERMINALS) throw DrillException.invalid("terminals", ts.size() + " terminals; a drill verifies at most " + MAX_TERMINALS);
            regions.forEach(p.putArray("regions")::add);
            ts.forEach(p.putArray("terminals")::add);
        }
        return p;
    }

    /** The terminals named one by one in an earlier plan: those outside its regions. */
    private List<String> explicit(Drill d) {
        List<String> out = new ArrayList<>();
        for (String id : d.terminals()) {
            Terminal t = inventory.terminal(id);
            if (t == null || d.regions().stream().noneMatch(r -> inventory.within(t.region(), r))) out.add(id);
        }
        return out;
    }

    private List<String> regions(List<String> given) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String r = given.get(i);
            if (r == null || r.isBlank()) throw DrillException.invalid("regions[" + i + "]", "is empty");
            if (inventory.region(r.trim()) == null) throw DrillException.invalid("regions[" + i + "]", "'" + r + "' is not a region of the inventory");
            out.add(r.trim());
        }
        return List.copyOf(out);
    }

    private static DrillKinds.Level level(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        s = switch (s) {
            case "Ⅰ", "1" -> "I";
            case "Ⅱ", "2" -> "II";
            case "Ⅲ", "3" -> "III";
            case "Ⅳ", "4" -> "IV";
            default -> s;
        };
        return enumOf(DrillKinds.Level.class, "simulatedLevel", s);
    }

    // ---- run --------------------------------------------------------------------------------

    /** A verification round under way: its fresh poll of the drill's terminals, and who or what started it. */
    private record Round(String drill, Drill.Trigger trigger, String actor, Instant startedAt, FreshPoll poll) {}

    /**
     * PLANNED → IN_PROGRESS. The drill's terminals are polled at once; the round's result per terminal is recorded when
     * the poll settles (every answer in, or the verification timeout), in the background: the start answers at once and
     * {@link #round} shows the progress meanwhile.
     */
    public synchronized Drill start(String id, String actor) {
        Drill d = existing(id);
        if (d.status() != Drill.Status.PLANNED) throw DrillException.conflict("drill " + id + " is already " + d.status());
        Instant now = clock.instant();
        append(DrillBook.STARTED, id, actor, DrillBook.JSON.createObjectNode().put("actualStart", now.toString()));
        d = book().get(id);
        follow(d);
        Log.infof("drill %s (%s) started: verifying %d terminals live", id, d.codeName(), d.terminals().size());
        begin(d, Drill.Trigger.START, actor);
        return book().get(id);
    }

    /** Another live verification round while the drill runs (one at a time). */
    public synchronized Drill verify(String id, String actor) {
        Drill d = existing(id);
        if (d.status() != Drill.Status.IN_PROGRESS) throw DrillException.conflict("drill " + id + " is " + d.status() + "; live verification runs while it is in progress");
        Round r = rounds.get(id);
        if (r != null) throw DrillException.conflict("a verification round of drill " + id + " is under way since "
                + org.emcomm.vsat.config.Times.text(r.startedAt(), config.zone()) + "; "
                + r.poll().progress().waiting() + " terminals still waited for");
        begin(d, Drill.Trigger.ON_DEMAND, actor);
        return book().get(id);
    }

    /** The round under way for this drill, as far as its poll has come; null when none runs. */
    public RoundProgress round(String id) {
        Round r = rounds.get(id);
        return r == null ? null : new RoundProgress(r.trigger(), r.startedAt(), r.poll().progress());
    }

    public record RoundProgress(Drill.Trigger trigger, Instant startedAt, FreshPoll.Progress poll) {}

    private void begin(Drill d, Drill.Trigger trigger, String actor) {
        Round r = new Round(d.id(), trigger, actor, clock.instant(), polling.freshPoll(terminals(d)));
        rounds.put(d.id(), r);
        r.poll().settled(config.drills().verifyTimeout()).thenRunAsync(() -> finish(r), recorder);
    }

    /** Records a round once its poll settled, unless the drill closed meanwhile (completing records it first). */
    synchronized void finish(Round r) {
        if (!rounds.remove(r.drill(), r)) return;
        Drill d = book().get(r.drill());
        if (d != null && d.status() == Drill.Status.IN_PROGRESS) record(d, r);
    }

    private void follow(Drill d) {
        List<Terminal> ts = terminals(d);
        watch.follow(d.id(), d.actualStart(), ts, d.verification().terminals().stream().filter(Drill.TerminalCheck::verified)
                .map(Drill.TerminalCheck::terminal).toList());
        if (!ts.isEmpty()) polling.pollFaster(owner(d.id()), ts, config.drills().fastInterval());
    }

    private void unfollow(String id) {
        watch.forget(id);
        polling.endFaster(owner(id));
    }

    private List<Terminal> terminals(Drill d) {
        List<Terminal> out = new ArrayList<>(d.terminals().size());
        for (String id : d.terminals()) {
            Terminal t = inventory.terminal(id);
            if (t != null) out.add(t);
        }
        return out;
    }

    /** The round's result per terminal: its latest sample since the round began (any poll's), or that none came. */
    private Drill record(Drill d, Round r) {
        List<Terminal> ts = terminals(d);
        FreshPoll.Progress progress = r.poll().progress();
        if (!progress.complete()) {
            Log.warnf("drill %s: the live poll of %d terminals did not finish within %s (%d still waited for); unanswered terminals are recorded as such",
                    d.id(), ts.size(), config.drills().verifyTimeout(), progress.waiting());
        }
        flush();
        List<ObjectNode> checks = new ArrayList<>(ts.size());
        int answered = 0, up = 0;
        for (Terminal t : ts) {
            DrillWatch.Seen s = watch.seen(t.id(), r.startedAt());
            ObjectNode o = DrillBook.JSON.createObjectNode().put("id", t.id()).put("site", t.name()).put("region", t.region());
            if (s == null) {
                o.put("answered", false).put("reason", r.poll().result(t.id()).outcome() == FreshPoll.Outcome.WAITING
                        ? "no answer within " + config.drills().verifyTimeout() : "no answer");
                String h = watch.health(t.id());
                if (h != null) o.put("health", h);
            } else {
                o.put("answered", s.answered()).put("state", s.state()).put("health", s.health()).put("at", s.at().toString());
                if (s.reason() != null) o.put("reason", s.reason());
                if (s.esNo() != null) o.put("esNo", s.esNo());
                if (s.answered()) answered++;
                if ("UP".equals(s.state())) up++;
            }
            checks.add(o);
        }
        int round = d.verification().rounds().size() + 1;
        ObjectNode p = DrillBook.JSON.createObjectNode().put("round", round).put("trigger", r.trigger().name()).put("startedAt", r.startedAt().toString())
                .put("millis", progress.millis()).put("polled", ts.size()).put("answered", answered).put("up", up).put("complete", progress.complete());
        ArrayNode first = p.putArray("terminals");
        checks.subList(0, Math.min(PART_SIZE, checks.size())).forEach(first::add);
        append(DrillBook.VERIFIED, d.id(), r.actor(), p);
        for (int from = PART_SIZE; from < checks.size(); from += PART_SIZE) {
            ObjectNode part = DrillBook.JSON.createObjectNode().put("round", round);
            ArrayNode a = part.putArray("terminals");
            checks.subList(from, Math.min(from + PART_SIZE, checks.size())).forEach(a::add);
            append(DrillBook.VERIFIED_PART, d.id(), r.actor(), part);
        }
        Drill after = book().get(d.id());
        Log.infof("drill %s verification round %d (%s): %d polled, %d answered, %d up in %d ms; %s", d.id(), round, r.trigger(), ts.size(), answered, up,
                progress.millis(), after.verification().result());
        return after;
    }

    /** Writes the first-UP times the watch has seen since the last flush: one event per drill and {@link #PART_SIZE} terminals. */
    public synchronized void flush() {
        java.util.Map<String, List<DrillWatch.Up>> byDrill = new java.util.LinkedHashMap<>();
        for (DrillWatch.Up u : watch.drain()) byDrill.computeIfAbsent(u.drill(), k -> new ArrayList<>()).add(u);
        byDrill.forEach((drill, ups) -> {
            Drill d = book().get(drill);
            if (d == null || d.status() != Drill.Status.IN_PROGRESS) return;
            for (int from = 0; from < ups.size(); from += PART_SIZE) {
                ObjectNode p = DrillBook.JSON.createObjectNode();
                ArrayNode a = p.putArray("terminals");
                for (DrillWatch.Up u : ups.subList(from, Math.min(from + PART_SIZE, ups.size()))) {
                    a.addObject().put("terminal", u.terminal()).put("at", u.at().toString());
                }
                append(DrillBook.TERMINAL_UP, drill, "system", p);
            }
        });
    }

    public record TimelineInput(String kind, Instant at, String content, String expectedAction, String observedAction, String objective) {}

    public synchronized Drill log(String id, TimelineInput in, String actor) {
        Drill d = existing(id);
        if (d.status().closed()) throw DrillException.conflict("drill " + id + " is " + d.status() + "; its timeline is closed");
        if (in == null) throw DrillException.invalid("kind", "a timeline entry needs a body: kind, content, at");
        DrillKinds.EntryKind kind = enumOf(DrillKinds.EntryKind.class, "kind", in.kind());
        ObjectNode p = DrillBook.JSON.createObjectNode().put("n", d.timeline().size() + 1).put("kind", kind.name())
                .put("at", (in.at() == null ? clock.instant() : in.at()).toString()).put("content", required("content", in.content(), 20_000));
        if (in.expectedAction() != null) p.put("expectedAction", limit("expectedAction", in.expectedAction(), 20_000));
        if (in.observedAction() != null) p.put("observedAction", limit("observedAction", in.observedAction(), 20_000));
        if (in.objective() != null) p.put("objective", objective(d, "objective", in.objective()));
        append(DrillBook.LOGGED, id, actor, p);
        return book().get(id);
    }

    // ---- close ------------------------------------------------------------------------------

    public record RatingInput(String objective, String rating, String notes) {}

    public record ActionInput(String title, String owner, Instant dueAt, String objective) {}

    public record SignOffInput(String name, String role) {}

    public record Completion(Instant actualEnd, List<RatingInput> ratings, List<String> strengths, List<String> improvements,
                             List<ActionInput> correctiveActions, String summary, SignOffInput signOff) {}

    /** IN_PROGRESS → COMPLETED with the after-action record; every objective needs its rating. */
    public synchronized Drill complete(String id, Completion in, String actor) {
        Drill d = existing(id);
        if (d.status() == Drill.Status.PLANNED) throw DrillException.conflict("drill " + id + " was never started; start it before completing it");
        if (d.status() != Drill.Status.IN_PROGRESS) throw DrillException.conflict("drill " + id + " is already " + d.status());
        if (in == null) throw DrillException.invalid("ratings", "completing a drill needs a body with a rating for each objective");
        Instant now = clock.instant();
        Instant end = in.actualEnd() == null ? now : in.actualEnd();
        if (end.isBefore(d.actualStart())) throw DrillException.invalid("actualEnd", "is before the drill started (" + d.actualStart() + ")");
        if (end.isAfter(now)) throw DrillException.invalid("actualEnd", "is in the future; now is " + now);
        ObjectNode p = DrillBook.JSON.createObjectNode().put("actualEnd", end.toString());
        ArrayNode ratings = p.putArray("ratings");
        Set<String> rated = new HashSet<>();
        List<RatingInput> given = in.ratings() == null ? List.of() : in.ratings();
        for (int i = 0; i < given.size(); i++) {
            RatingInput r = given.get(i);
            String f = "ratings[" + i + "]";
            if (r == null) throw DrillException.invalid(f, "is empty");
            String oid = objective(d, f + ".objective", r.objective());
            if (!rated.add(oid)) throw DrillException.invalid(f + ".objective", oid + " is rated twice");
            ObjectNode o = ratings.addObject().put("objective", oid).put("rating", DrillKinds.Rating.parse(f + ".rating", r.rating()).name());
            if (r.notes() != null) o.put("notes", limit(f + ".notes", r.notes(), 20_000));
        }
        List<String> unrated = d.objectives().stream().map(Drill.Objective::id).filter(o -> !rated.contains(o)).toList();
        if (!unrated.isEmpty()) throw DrillException.invalid("ratings", "every objective needs a rating; missing: " + String.join(", ", unrated));
        if (in.strengths() != null) texts(p.putArray("strengths"), "strengths", in.strengths(), 5000);
        if (in.improvements() != null) texts(p.putArray("improvements"), "improvements", in.improvements(), 5000);
        if (in.summary() != null) p.put("summary", limit("summary", in.summary(), 20_000));
        if (in.signOff() != null) {
            ObjectNode s = p.putObject("signOff").put("name", required("signOff.name", in.signOff().name(), 200));
            if (in.signOff().role() != null) s.put("role", limit("signOff.role", in.signOff().role(), 200));
        }
        List<ObjectNode> actions = new ArrayList<>();
        List<ActionInput> acts = in.correctiveActions() == null ? List.of() : in.correctiveActions();
        for (int i = 0; i < acts.size(); i++) actions.add(action(d, acts.get(i), "correctiveActions[" + i + "]", d.actions().size() + i + 1));
        Round running = rounds.remove(id);
        if (running != null) record(d, running); // what came in so far, marked not complete if the poll had not finished
        flush();
        Drill fresh = book().get(id);
        p.put("total", fresh.verification().total()).put("verified", fresh.verification().verified());
        fresh.verification().neverUp().forEach(p.putArray("neverUp")::add);
        append(DrillBook.COMPLETED, id, actor, p);
        for (ObjectNode a : actions) append(DrillBook.ACTION_ADDED, id, actor, a);
        unfollow(id);
        Drill done = book().get(id);
        Log.infof("drill %s (%s) completed: %s; %d corrective actions", id, done.codeName(), done.verification().result(), actions.size());
        return done;
    }

    public synchronized Drill cancel(String id, String reason, String actor) {
        Drill d = existing(id);
        if (d.status().closed()) throw DrillException.conflict("drill " + id + " is already " + d.status());
        append(DrillBook.CANCELLED, id, actor, DrillBook.JSON.createObjectNode().put("reason", required("reason", reason, 2000)));
        rounds.remove(id);
        unfollow(id);
        return book().get(id);
    }

    // ---- corrective actions -----------------------------------------------------------------

    public synchronized Drill addAction(String id, ActionInput in, String actor) {
        Drill d = existing(id);
        if (d.status() == Drill.Status.PLANNED || d.status() == Drill.Status.CANCELLED) {
            throw DrillException.conflict("drill " + id + " is " + d.status() + "; corrective actions come from a drill that ran");
        }
        append(DrillBook.ACTION_ADDED, id, actor, action(d, in, null, d.actions().size() + 1));
        return book().get(id);
    }

    private ObjectNode action(Drill d, ActionInput a, String prefix, int n) {
        String f = prefix == null ? "" : prefix + ".";
        if (a == null) throw DrillException.invalid(prefix == null ? "title" : prefix, "a corrective action needs title, owner and dueAt");
        ObjectNode o = DrillBook.JSON.createObjectNode().put("action", "CA-" + n)
                .put("title", required(f + "title", a.title(), 1000)).put("owner", required(f + "owner", a.owner(), 200));
        if (a.dueAt() == null) throw DrillException.invalid(f + "dueAt", "is required: when the action must be done");
        o.put("dueAt", a.dueAt().toString());
        if (a.objective() != null) o.put("objective", objective(d, f + "objective", a.objective()));
        return o;
    }

    public record ActionUpdate(String status, String owner, Instant dueAt, String note) {}

    /** Moves an action on (OPEN, IN_PROGRESS, CLOSED — closing needs a note on what was done), or changes its owner or due date. */
    public synchronized Drill updateAction(String id, String aid, ActionUpdate in, String actor) {
        Drill d = existing(id);
        Drill.CorrectiveAction a = d.action(aid);
        if (a == null) throw DrillException.notFound("corrective action", id + "/" + aid);
        if (in == null || in.status() == null && in.owner() == null && in.dueAt() == null && in.note() == null) {
            throw DrillException.invalid("status", "nothing to change: give status, owner, dueAt or note");
        }
        ObjectNode p = DrillBook.JSON.createObjectNode().put("action", aid);
        if (in.status() != null) {
            DrillKinds.ActionStatus s = enumOf(DrillKinds.ActionStatus.class, "status", in.status());
            if (s == DrillKinds.ActionStatus.CLOSED && a.status() != DrillKinds.ActionStatus.CLOSED && (in.note() == null || in.note().isBlank())) {
                throw DrillException.invalid("note", "is required to close an action: say what was done");
            }
            p.put("status", s.name());
        }
        if (in.owner() != null) p.put("owner", required("owner", in.owner(), 200));
        if (in.dueAt() != null) p.put("dueAt", in.dueAt().toString());
        if (in.note() != null) p.put("note", required("note", in.note(), 20_000));
        append(DrillBook.ACTION_UPDATED, id, actor, p);
        return book().get(id);
    }

    /** Marks each open action past its due date once (a journal event, a WARN line, a webhook). */
    public synchronized void checkActions() {
        Instant now = clock.instant();
        for (Drill d : book().find(x -> x.actions().stream().anyMatch(a -> a.overdue(now) && a.overdueNotedAt() == null))) {
            for (Drill.CorrectiveAction a : d.actions()) {
                if (!a.overdue(now) || a.overdueNotedAt() != null) continue;
                append(DrillBook.ACTION_OVERDUE, d.id(), "system", DrillBook.JSON.createObjectNode().put("action", a.id()).put("dueAt", a.dueAt().toString()));
                Log.warnf("drill %s: corrective action %s (%s) is overdue: due %s, owner %s", d.id(), a.id(), a.title(), a.dueAt(), a.owner());
            }
        }
    }

    // ---- attachments ------------------------------------------------------------------------

    public synchronized Drill attach(String id, String name, String kind, String contentType, InputStream body, String actor) {
        Drill d = existing(id);
        String clean = fileName(name);
        DrillKinds.AttachmentKind k = kind == null ? DrillKinds.AttachmentKind.OTHER : enumOf(DrillKinds.AttachmentKind.class, "kind", kind);
        journal.checkRoom("attachment", attachments.maxBytes()); // optional: it must not eat the records' reserve
        AttachmentStore.Stored s = attachments.store(body, contentType);
        String aid = "A" + (d.attachments().size() + 1);
        append(DrillBook.ATTACHED, id, actor, DrillBook.JSON.createObjectNode().put("attachment", aid).put("name", clean).put("kind", k.name())
                .put("contentType", s.contentType()).put("size", s.size()).put("sha256", s.sha256()));
        return book().get(id);
    }

    /** The attachment's file, its hash checked again. */
    public Path attachment(Drill.Attachment a) { return attachments.read(a.sha256()); }

    public long attachmentLimit() { return attachments.maxBytes(); }

    /** The name a file is shown and downloaded under: a plain file name. A name with a folder in it (a path, or a
     * traversal such as ../../etc/passwd) is refused rather than cut, so a caller never believes a path was kept. */
    static String fileName(String name) {
        if (name == null || name.isBlank()) throw DrillException.invalid("name", "is required: the file's name, e.g. sign-in.pdf");
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw DrillException.invalid("name", "must be a plain file name without folders (no / or \\)");
        }
        String n = name.replaceAll("\\p{Cntrl}", "").trim();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) throw DrillException.invalid("name", "'" + n + "' is not a file name");
        if (n.length() > 200) throw DrillException.invalid("name", "longer than 200 characters");
        return n;
    }

    // ---- the year ---------------------------------------------------------------------------

    public DrillYear.Plan year(int year) {
        return DrillYear.of(book().find(d -> true), year, config.zone(), clock.instant(), config.drills().target());
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Drill existing(String id) {
        Drill d = book().get(id);
        if (d == null) throw DrillException.notFound("drill", id);
        return d;
    }

    private static String objective(Drill d, String field, String oid) {
        if (oid == null || oid.isBlank()) throw DrillException.invalid(field, "is required: an objective id such as O1");
        String o = oid.trim().toUpperCase(Locale.ROOT);
        if (d.objective(o) == null) {
            throw DrillException.invalid(field, "'" + oid + "' is not an objective of this drill ("
                    + String.join(", ", d.objectives().stream().map(Drill.Objective::id).toList()) + ")");
        }
        return o;
    }

    private static void texts(ArrayNode into, String field, List<String> given, int max) {
        for (int i = 0; i < given.size(); i++) into.add(required(field + "[" + i + "]", given.get(i), max));
    }

    private static int nonNegative(String field, int v) {
        if (v < 0) throw DrillException.invalid(field, "must not be negative");
        return v;
    }

    private void append(String type, String id, String actor, ObjectNode payload) {
        try {
            journal.append(DrillBook.STREAM, type, id, actor, DrillBook.JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
