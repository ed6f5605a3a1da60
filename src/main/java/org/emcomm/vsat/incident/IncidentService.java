package org.emcomm.vsat.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.health.TerminalStateMachine;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.journal.JournalService;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;

/**
 * Runs the incident engine on one thread: every sample (with the state it left its terminal in),
 * every mapped trap, a tick for the time-based rules, and the operators' commands, in arrival order.
 * Each decided change is appended to the journal; the projection reads it back into the book.
 */
@ApplicationScoped
public class IncidentService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EmcommConfig config;
    private final Inventory inventory;
    private final NetworkHealth health;
    private final JournalService journal;
    private final IncidentRecords records;
    private final Clock clock;
    private final Instance<OperationsCalendar> operations;
    private final MeterRegistry registry;
    private final AtomicLong signals = new AtomicLong();
    private ThreadPoolExecutor worker;
    private ScheduledExecutorService ticker;
    private IncidentEngine engine;
    private MajorRule majorRule;

    private final Instance<org.emcomm.vsat.notification.WebhookNotifier> notifier;

    IncidentService(EmcommConfig config, Inventory inventory, NetworkHealth health, JournalService journal, IncidentRecords records,
                    Clock clock, Instance<OperationsCalendar> operations, MeterRegistry registry,
                    Instance<org.emcomm.vsat.notification.WebhookNotifier> notifier) {
        this.notifier = notifier;
        this.config = config;
        this.inventory = inventory;
        this.health = health;
        this.journal = journal;
        this.records = records;
        this.clock = clock;
        this.operations = operations;
        this.registry = registry;
    }

    void start(@Observes @Priority(150) StartupEvent event) {
        IncidentRules rules = rules(config.incidents());
        var m = config.incidents().major();
        majorRule = new MajorRule(m.parentOutage(), m.terminals(), m.provinces(), m.serviceOutage(), m.criticalOutage());
        engine = new IncidentEngine(inventory, rules, majorRule, operations.isResolvable() ? operations.get() : OperationsCalendar.NONE,
                records.book(), (type, id, actor, payload, at) -> {
                    String text;
                    try {
                        text = JSON.writeValueAsString(payload);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                    boolean monitoring = IncidentEngine.SYSTEM.equals(actor);
                    if (!kept.isEmpty() || journal.outage() != null) {
                        if (!monitoring) throw refused(type);
                        keep(type, id, actor, payload, at);
                        return;
                    }
                    try {
                        journal.append(IncidentBook.STREAM, type, id, actor, text);
                    } catch (org.emcomm.vsat.journal.JournalUnavailableException e) {
                        if (!monitoring) throw e;
                        keep(type, id, actor, payload, at);
                        return;
                    }
                    if (type.equals(IncidentBook.OPENED) || type.equals(IncidentBook.RESOLVED) || type.equals(IncidentBook.ESCALATED)) {
                        Log.infof("incident %s %s: %s", id, type.substring(9), payload.path("title").asText(payload.path("reason").asText("")));
                    }
                });
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "incidents");
            t.setDaemon(true);
            return t;
        });
        health.onSample(this::sampled);
        health.onHub((hubId, at, outOfService, reason) -> hub(new HubSignal(hubId, at, outOfService,
                outOfService ? "its NMS says " + reason : "its NMS says it is in service")));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "incidents-tick");
            t.setDaemon(true);
            return t;
        });
        long tick = config.incidents().tick().toMillis();
        ticker.scheduleWithFixedDelay(() -> worker.execute(this::tickNow), tick, tick, TimeUnit.MILLISECONDS);
        journal.onResume(() -> worker.execute(this::writeKept));
        org.emcomm.vsat.config.Meters.forget(registry, "emcomm.incidents.");
        Gauge.builder("emcomm.incidents.kept", kept, java.util.Collection::size)
                .description("incident events decided while records could not be written, kept in memory until they can").strongReference(true)
                .register(registry);
        Gauge.builder("emcomm.incidents.active", records.book(), b -> b.find(Incident::active).size()).strongReference(true).register(registry);
        Gauge.builder("emcomm.incidents.queue", worker, w -> w.getQueue().size())
                .description("signals waiting for the incident engine").strongReference(true).register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("emcomm.incidents.signals", signals, AtomicLong::get)
                .description("samples and traps through detection and correlation").register(registry);
        Log.infof("incidents: %d in the journal, %d active; major rule %s", records.book().size(),
                records.book().find(Incident::active).size(), majorRule.version());
    }

    static IncidentRules rules(EmcommConfig.Incidents c) {
        double share = c.parent().share();
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("emcomm.incidents.parent.share: must be above 0 and at most 1, not " + share);
        positive("emcomm.incidents.flapping.transitions", c.flapping().transitions(), 2);
        positive("emcomm.incidents.parent.min-terminals", c.parent().minTerminals(), 1);
        positive("emcomm.incidents.parent.hub-silent-reads", c.parent().hubSilentReads(), 1);
        positive("emcomm.incidents.rain-fade.terminals", c.rainFade().terminals(), 1);
        if (!(c.rainFade().dropDb() > 0)) throw new IllegalArgumentException("emcomm.incidents.rain-fade.drop-db: must be above 0");
        if (c.correlationWait().compareTo(c.hold()) < 0) {
            throw new IllegalArgumentException("emcomm.incidents.correlation-wait: must be at least emcomm.incidents.hold (" + c.hold() + "), not "
                    + c.correlationWait());
        }
        return new IncidentRules(c.hold(), c.correlationWait(), c.reopenWindow(), c.flapping().transitions(), c.flapping().window(), c.flapping().quiet(),
                share, c.parent().minTerminals(), c.parent().window(), c.parent().hubSilentReads(), c.rainFade().terminals(), c.rainFade().dropDb(),
                c.rainFade().window(), c.rainFade().escalateAfter(), c.rebootHold(), c.clearAfter());
    }

    private static void positive(String key, int value, int min) {
        if (value < min) throw new IllegalArgumentException(key + ": must be at least " + min + ", not " + value);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) ticker.shutdownNow();
        if (worker != null) worker.shutdown();
    }

    /** Called on the poller's thread, in order per terminal: only queues the signal. */
    private void sampled(Terminal t, Sample s, org.emcomm.vsat.health.Observation observed, TerminalState state,
                         TerminalStateMachine.Transition transition) {
        PollSignal signal = PollSignal.of(t, inventory.profile(t.profile()), s, observed, state, transition);
        worker.execute(() -> run(() -> engine.poll(signal)));
    }

    /** A trap its profile maps to a condition (from the trap receiver's thread). */
    public void trap(TrapSignal signal) {
        worker.execute(() -> run(() -> engine.trap(signal)));
    }

    /** What a hub's NMS says of the hub itself (a read of its tables, or a trap). */
    public void hub(HubSignal signal) {
        worker.execute(() -> run(() -> engine.hub(signal)));
    }

    private void run(Runnable r) {
        signals.incrementAndGet();
        try {
            r.run();
        } catch (RuntimeException e) {
            Log.errorf(e, "incident engine failed on a signal");
        }
    }

    /**
     * Incident events the monitoring decided while the journal could not write them (a full disk). The book has them
     * at once, so detection, correlation and the API go on as if written; they are written in order, with the times
     * they happened, when the journal takes records again. Operators' own changes are refused with 507 meanwhile (they
     * would have to wait behind these, and nothing unstored is answered 2xx). Worker thread only. A restart before
     * space returns loses them; the polls find the conditions again.
     */
    private final java.util.concurrent.ConcurrentLinkedDeque<Kept> kept = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private record Kept(String type, String id, String actor, com.fasterxml.jackson.databind.node.ObjectNode payload, java.time.Instant at) {}

    private void keep(String type, String id, String actor, com.fasterxml.jackson.databind.node.ObjectNode payload, java.time.Instant at) {
        if (kept.isEmpty()) Log.warnf("incidents: records cannot be written; incident changes are kept in memory and written when they can");
        kept.add(new Kept(type, id, actor, payload, at));
        records.book().apply(-1, type, id, actor, at, payload);
        if (notifier.isResolvable()) { // people are reached now, not when the disk has room again
            try {
                notifier.get().early(IncidentBook.STREAM, type, id, actor, JSON.writeValueAsString(payload), at);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (type.equals(IncidentBook.OPENED) || type.equals(IncidentBook.RESOLVED)) {
            Log.infof("incident %s %s (kept in memory: records cannot be written): %s", id, type.substring(9),
                    payload.path("title").asText(payload.path("reason").asText("")));
        }
    }

    private static org.emcomm.vsat.journal.JournalUnavailableException refused(String type) {
        return new org.emcomm.vsat.journal.JournalUnavailableException("records cannot be written now (the data disk is full); the "
                + type.substring(9) + " was not stored. The monitoring's own changes are kept and written when space returns.");
    }

    /** Writes what was kept, oldest first, stopping at the first refusal (to try again at the next tick). */
    private void writeKept() {
        int written = 0;
        for (Kept k; (k = kept.peekFirst()) != null; ) {
            k.payload().put("writtenLate", true);
            records.alreadyApplied(); // the book applied it when it was kept
            try {
                journal.append(IncidentBook.STREAM, k.type(), k.id(), k.actor(), JSON.writeValueAsString(k.payload()), k.at());
            } catch (org.emcomm.vsat.journal.JournalUnavailableException | JsonProcessingException e) {
                records.applyAgain();
                break;
            }
            kept.pollFirst();
            written++;
        }
        if (written > 0) Log.infof("incidents: wrote %d incident events kept in memory while records could not be written; %d left", written, kept.size());
    }

    private void tickNow() {
        if (!kept.isEmpty() && journal.outage() == null) writeKept();
        try {
            engine.tick(clock.instant());
        } catch (RuntimeException e) {
            Log.errorf(e, "incident engine tick failed");
        }
    }

    /** Processes every signal queued so far, then runs the time-based rules once (tests, and after a poll on demand). */
    public void settle() {
        call(() -> { engine.tick(clock.instant()); return null; });
    }

    public Incident acknowledge(String id, String actor, String note) { return call(() -> engine.acknowledge(id, actor, note, clock.instant())); }

    public Incident resolve(String id, String actor, String note) { return call(() -> engine.resolveByHand(id, actor, note, clock.instant())); }

    /** A note is optional: refused (507) while it would eat the space kept for the records. */
    public Incident note(String id, String actor, String note) {
        journal.checkRoom("note", note == null ? 0 : 3L * note.length() + 1024);
        return call(() -> engine.note(id, actor, note, clock.instant()));
    }

    public Incident classify(String id, String actor, Boolean major, ResponseLevel level, String reason) {
        return call(() -> engine.classify(id, actor, major, level, reason, clock.instant()));
    }

    public IncidentBook book() { return records.book(); }

    public List<Incident> activeFor(String terminal) { return records.book().activeFor(terminal); }

    public MajorRule majorRule() { return majorRule; }

    private <T> T call(Callable<T> task) {
        try {
            return worker.submit(task).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the incident engine did not answer within 30 s (" + worker.getQueue().size() + " signals queued)");
        }
    }
}
