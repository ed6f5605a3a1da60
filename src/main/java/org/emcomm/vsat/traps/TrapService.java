package org.emcomm.vsat.traps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.incident.IncidentService;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.journal.JournalService;
import org.emcomm.vsat.incident.TrapSignal;
import org.emcomm.vsat.snmp.Trap;
import org.emcomm.vsat.snmp.TrapReceiver;
import org.emcomm.vsat.snmp.Varbind;

/**
 * Listens for traps and informs, hands the ones a profile maps to the incident engine, and records
 * every unknown one in the journal: nothing is dropped silently.
 */
@ApplicationScoped
public class TrapService {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A trap as it was received and what came of it. */
    /** {@code reason}: why a trap is unknown (no terminal, not mapped) or, with condition IGNORED, why the profile ignores it. */
    public record Received(Instant at, Trap trap, String terminal, String condition, String reason) {}

    /** A trap or inform refused at the door: not the agent's credential, version or security level (never a secret). */
    public record Refused(Instant at, String source, String version, String securityLevel, String user, String reason) {}

    private final EmcommConfig config;
    private final Inventory inventory;
    private final IncidentService incidents;
    private final JournalService journal;
    private final Clock clock;
    private final MeterRegistry registry;
    private final org.emcomm.vsat.shard.ShardService shard;
    private final ArrayDeque<Received> recent = new ArrayDeque<>();
    private final ArrayDeque<Refused> refused = new ArrayDeque<>();
    private final java.util.Map<String, Counter> rejectedByReason = new java.util.concurrent.ConcurrentHashMap<>();
    private final LineBudget refusedLines = new LineBudget(10);
    private TrapMapper mapper;
    private volatile org.emcomm.vsat.inventory.OidNames names = org.emcomm.vsat.inventory.OidNames.NONE;
    private TrapReceiver receiver;
    private Counter mapped, unknown;
    /** Between the receiver's socket thread and the worker that maps and records: a flood fills it, and past its
     * bound traps are counted as dropped instead of growing memory or stalling the socket. */
    private java.util.concurrent.BlockingQueue<Trap> queue;
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
    private Thread worker;
    /** A flood must not become a log flood: unknown traps are logged one by one up to 20 per 10 s (each is in the
     * journal and GET /api/traps), drops once; past that the worker sums them up in one line per 10 s. */
    private final LineBudget unknownLines = new LineBudget(20);
    private final LineBudget dropLines = new LineBudget(1);

    /** Up to {@code burst} lines of one kind per window; the rest are counted for one summary line when the window is
     * over. Thread-safe: drops are counted on the socket thread, the worker closes the windows. */
    static final class LineBudget {
        static final long WINDOW_NANOS = 10_000_000_000L;
        private final int burst;
        private long start = System.nanoTime();
        private int spent;
        private long held;

        LineBudget(int burst) { this.burst = burst; }

        /** True: write this line; false: it is counted for the summary. */
        synchronized boolean spend() {
            if (spent < burst) {
                spent++;
                return true;
            }
            held++;
            return false;
        }

        /** When the window is over: the lines it held back (0 or more), and a new window begins; -1 while it lasts. */
        synchronized long close(long now) {
            if (now - start < WINDOW_NANOS) return -1;
            long h = held;
            start = now;
            spent = 0;
            held = 0;
            return h;
        }
    }

    TrapService(EmcommConfig config, Inventory inventory, IncidentService incidents, JournalService journal, Clock clock, MeterRegistry registry,
                org.emcomm.vsat.shard.ShardService shard) {
        this.shard = shard;
        this.config = config;
        this.inventory = inventory;
        this.incidents = incidents;
        this.journal = journal;
        this.clock = clock;
        this.registry = registry;
    }

    void start(@Observes @Priority(160) StartupEvent event) {
        mapper = new TrapMapper(inventory);
        java.util.Map<String, String> fromMibs = java.util.Map.of();
        if (config.mibs().dir().isPresent()) {
            try {
                fromMibs = org.emcomm.vsat.recording.MibFiles.names(List.of(java.nio.file.Path.of(config.mibs().dir().get())));
                Log.infof("MIB names: %d from %s", fromMibs.size(), config.mibs().dir().get());
            } catch (java.io.IOException e) {
                Log.warnf("emcomm.mibs.dir: %s; traps are named from the profiles only", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        names = org.emcomm.vsat.inventory.OidNames.of(inventory.profiles().values(), fromMibs);
        org.emcomm.vsat.config.Meters.forget(registry, "emcomm.traps");
        mapped = Counter.builder("emcomm.traps").tag("outcome", "mapped").register(registry);
        unknown = Counter.builder("emcomm.traps").tag("outcome", "unknown").register(registry);
        if (config.traps().queue() < 1 || config.traps().queue() > 1_000_000) {
            throw new IllegalStateException("emcomm.traps.queue: must be 1..1000000, not " + config.traps().queue());
        }
        queue = new java.util.concurrent.ArrayBlockingQueue<>(config.traps().queue());
        worker = new Thread(this::work, "trap-worker");
        worker.setDaemon(true);
        worker.start();
        io.micrometer.core.instrument.FunctionCounter.builder("emcomm.traps.dropped", dropped, java.util.concurrent.atomic.AtomicLong::get)
                .description("traps dropped because the queue was full (a flood)").register(registry);
        io.micrometer.core.instrument.Gauge.builder("emcomm.traps.queued", this, t -> t.queue.size()).register(registry);
        shard.onPeerTrap(this::offer); // on the records writer: traps the other replicas received
        if (!config.traps().enabled()) {
            Log.info("trap receiver is off (emcomm.traps.enabled=false)");
            return;
        }
        java.util.Map<String, List<org.emcomm.vsat.inventory.Credential>> senders = senders(inventory);
        receiver = new TrapReceiver(config.traps().bindAddress(), config.traps().port(), inventory.credentials().values(),
                host -> senders.getOrDefault(host, List.of()), this::offer, this::refused);
        mapper.shared().forEach(Log::warn);
        Log.infof("traps: listening on %s:%d (udp)", config.traps().bindAddress(), receiver.port());
    }

    /** The credentials each agent address sends with: its terminals' and hub's (several when devices share a host). */
    static java.util.Map<String, List<org.emcomm.vsat.inventory.Credential>> senders(Inventory inventory) {
        java.util.Map<String, List<org.emcomm.vsat.inventory.Credential>> out = new java.util.HashMap<>();
        for (var t : inventory.terminals()) {
            if (t.agent() != null) add(out, t.agent().host(), inventory.credential(t.credential()));
        }
        for (var h : inventory.hubs()) if (h.agent() != null) add(out, h.agent().host(), inventory.credential(h.credential()));
        return out;
    }

    private static void add(java.util.Map<String, List<org.emcomm.vsat.inventory.Credential>> out, String host, org.emcomm.vsat.inventory.Credential c) {
        List<org.emcomm.vsat.inventory.Credential> l = out.computeIfAbsent(host, k -> new ArrayList<>());
        if (!l.contains(c)) l.add(c);
    }

    /** From the socket thread: a refused trap, counted by reason, kept in the recent list and logged within a budget. */
    private void refused(TrapReceiver.Rejection r) {
        rejectedByReason.computeIfAbsent(r.reason(), k -> Counter.builder("emcomm.traps.rejected").tag("reason", k)
                .description("traps and informs refused: not the sender's credential, version or security level, or refused by USM")
                .register(registry)).increment();
        Refused x = new Refused(clock.instant(), r.source(), r.version(), r.securityLevel(), r.user(), r.reason());
        synchronized (refused) {
            if (refused.size() == config.traps().recent()) refused.removeFirst();
            refused.addLast(x);
        }
        if (refusedLines.spend()) {
            Log.warnf("trap refused (%s): from %s, %s %s%s", r.reason(), r.source() == null ? "an SNMPv3 sender" : r.source(), r.version(),
                    r.securityLevel() == null ? "" : r.securityLevel(), r.user() == null ? "" : " user " + r.user());
        }
    }

    /** Traps and informs refused since start-up (newest first, bounded). */
    public List<Refused> refused() {
        synchronized (refused) {
            List<Refused> out = new ArrayList<>(refused);
            java.util.Collections.reverse(out);
            return out;
        }
    }

    /** Refusals since start-up, by reason. */
    public java.util.Map<String, Long> refusedByReason() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        rejectedByReason.forEach((k, c) -> out.put(k, (long) c.count()));
        return out;
    }

    void stop(@Observes ShutdownEvent event) {
        if (receiver != null) receiver.close();
        if (worker != null) worker.interrupt();
    }

    /** From the socket thread: queue the trap, or count it dropped when a flood has filled the queue. */
    private void offer(Trap trap) {
        if (queue.offer(trap)) return;
        long n = dropped.incrementAndGet();
        if (dropLines.spend()) {
            Log.warnf("trap flood: queue full (%d), traps are being dropped, %d since start (emcomm_traps_dropped_total)", config.traps().queue(), n);
        }
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            Trap t;
            try {
                t = queue.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            closeLogWindows();
            if (t == null) continue;
            try {
                received(t);
            } catch (RuntimeException e) {
                Log.errorf(e, "trap from %s could not be handled", t.source());
            }
        }
    }

    /** On the worker, at least once a second: the summary lines of the log windows that are over. */
    private void closeLogWindows() {
        long now = System.nanoTime();
        long unknownHeld = unknownLines.close(now);
        if (unknownHeld > 0) {
            Log.infof("%d more unknown traps in the last 10 s, not logged one by one (each is in the journal and GET /api/traps)", unknownHeld);
        }
        long refusedHeld = refusedLines.close(now);
        if (refusedHeld > 0) {
            Log.warnf("%d more traps refused in the last 10 s, not logged one by one (GET /api/traps?rejected=true, emcomm_traps_rejected_total)", refusedHeld);
        }
        long dropsHeld = dropLines.close(now);
        if (dropsHeld > 0) {
            Log.warnf("trap flood: queue full (%d), %d more traps dropped in the last 10 s, %d since start (emcomm_traps_dropped_total)",
                    config.traps().queue(), dropsHeld, dropped.get());
        }
    }

    /** Traps dropped since start because the queue was full. */
    public long dropped() { return dropped.get(); }

    /** Traps received and not yet handled, and the queue's bound. */
    /** Names for trap and varbind OIDs (the profiles', and the MIB files' of emcomm.mibs.dir). */
    public org.emcomm.vsat.inventory.OidNames names() { return names; }

    public int queued() { return queue == null ? 0 : queue.size(); }

    public int queueCapacity() { return config.traps().queue(); }

    /** The bound port (0 in config picks a free one), or -1 when the receiver is off. */
    public int port() { return receiver == null ? -1 : receiver.port(); }

    private void received(Trap trap) {
        Instant now = clock.instant();
        if (shard.forwardsTraps()) {
            shard.forwardTrap(trap); // the records writer maps and records it (docs/adr/0003)
            remember(new Received(now, trap, null, "sent to the records writer", null));
            return;
        }
        TrapMapper.Outcome o;
        try {
            o = mapper.map(trap, now);
        } catch (RuntimeException e) {
            Log.errorf(e, "trap from %s could not be mapped", trap.source());
            o = new TrapMapper.Outcome(null, "mapping failed: " + e.getMessage());
        }
        if (o.hubSignal() != null) {
            mapped.increment();
            Log.debugf("trap %s from %s: hub %s %s", trap.oid(), trap.host(), o.hubSignal().hub(), o.hubSignal().faulty() ? "out of service" : "in service");
            incidents.hub(o.hubSignal());
        } else if (!o.signals().isEmpty()) {
            mapped.increment();
            for (TrapSignal signal : o.signals()) {
                Log.debugf("trap %s from %s: %s %s on %s", trap.oid(), trap.host(), signal.action(), signal.condition(), signal.terminal().id());
                incidents.trap(signal);
            }
        } else if (o.ignoredReason() != null) {
            mapped.increment();
            Log.debugf("trap %s from %s ignored: %s", trap.oid(), trap.host(), o.ignoredReason());
        } else {
            unknown.increment();
            if (unknownLines.spend()) Log.infof("unknown trap %s from %s: %s", trap.oid(), trap.host(), o.unknownReason());
            ObjectNode p = JSON.createObjectNode();
            p.set("trap", json(trap));
            p.put("reason", o.unknownReason());
            try {
                journal.append(TrapLog.STREAM, "trap.unknown", trap.host(), "snmp", JSON.writeValueAsString(p));
            } catch (org.emcomm.vsat.journal.JournalUnavailableException e) {
                // the disk is full: the journal said so once; the trap is still in GET /api/traps (memory)
                Log.debugf("unknown trap from %s not recorded: %s", trap.host(), e.getMessage());
            } catch (Exception e) {
                Log.errorf(e, "unknown trap from %s could not be recorded", trap.host());
            }
        }
        String outcome = o.ignoredReason() != null ? "IGNORED"
                : o.hubSignal() != null ? (o.hubSignal().faulty() ? "RAISE" : "CLEAR") + " HUB_OUTAGE"
                : o.signals().isEmpty() ? null
                : String.join(", ", o.signals().stream().map(x -> x.action() + " " + x.condition()).toList());
        remember(new Received(now, trap, o.signal() == null ? null : o.signal().terminal().id(), outcome,
                o.unknownReason() != null ? o.unknownReason() : o.ignoredReason()));
    }

    private void remember(Received r) {
        synchronized (recent) {
            if (recent.size() == config.traps().recent()) recent.removeFirst();
            recent.addLast(r);
        }
    }

    static ObjectNode json(Trap t) {
        ObjectNode n = JSON.createObjectNode().put("source", t.source()).put("agentAddress", t.agentAddress())
                .put("version", t.version()).put("security", t.security()).put("securityLevel", t.securityLevel()).put("credential", t.credential())
                .put("oid", t.oid()).put("inform", t.inform());
        if (t.uptimeTicks() != null) n.put("uptimeTicks", t.uptimeTicks());
        var vbs = n.putArray("varbinds");
        for (Varbind v : t.varbinds()) vbs.addObject().put("oid", v.oid()).put("type", v.value().syntax().name()).put("value", v.value().text());
        return n;
    }

    /** Every trap received since start-up (newest first, bounded), with its outcome. */
    public List<Received> recent() {
        synchronized (recent) {
            List<Received> out = new ArrayList<>(recent);
            java.util.Collections.reverse(out);
            return out;
        }
    }
}
