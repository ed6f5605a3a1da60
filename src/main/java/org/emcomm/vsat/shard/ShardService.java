package org.emcomm.vsat.shard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.config.Ticker;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.Sample;
import org.emcomm.vsat.snmp.Trap;

/**
 * This replica's part in sharded polling (docs/adr/0003). Replica 0 is the records writer: it polls
 * its own shard, takes every other replica's samples and traps into its health, incidents, journal
 * and store, and answers the API for the whole network. Any other replica polls its shard and sends
 * what it polls to the writer; it holds a bounded backlog while the writer is away. The writer reads
 * the shard count (from config, or a file that may change) and tells the others in every answer;
 * after a change each replica keeps polling what it gave up for the handover time, and polls what it
 * took over at once, so no terminal goes unpolled while ownership moves.
 */
@ApplicationScoped
public class ShardService {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN_HEADER = "X-EmComm-Shard-Token";
    static final String INDEX_HEADER = "X-EmComm-Shard";
    static final String BACKLOG_HEADER = "X-EmComm-Shard-Backlog";
    static final String OWNED_HEADER = "X-EmComm-Shard-Owned";
    private static final int BATCH = 5000;

    public enum Role { WRITER, POLLER }

    /** A replica as the writer last heard of it. */
    public record Member(int index, Instant lastHeard, long samples, long traps, int backlog, int owned) {}

    /** What this replica is doing, for the API, health and logs. */
    public record Status(int index, int count, Role role, int owned, Integer previousCount, Instant handoverUntil,
                         String writerUrl, int backlog, long forwarded, long shed, String lastError, List<Member> members) {}

    private final EmcommConfig.Shard config;
    private final NetworkHealth health;
    private final Clock clock;
    private final MeterRegistry registry;
    private final int index;
    private final Duration handover;
    /** Each terminal's key hash, fixed for the inventory: the scheduler asks {@link #polls} for every due terminal on every tick. */
    private final Map<String, Integer> hashes = new java.util.HashMap<>();
    /** Terminals this replica owns under the current plan. */
    private volatile int owned;
    private volatile ShardPlan plan;
    private volatile ShardPlan previous;
    private volatile Instant handoverUntil = Instant.MIN;
    private final Map<Integer, Member> members = new TreeMap<>();
    private final ArrayDeque<Sample> backlog = new ArrayDeque<>();
    private final ArrayDeque<Trap> traps = new ArrayDeque<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private volatile String lastError;
    private volatile long lastSentNanos;
    private volatile Consumer<Trap> peerTraps = t -> Log.warnf("shard: a trap from a replica arrived before the trap service started; dropped (%s)", t.oid());
    private HttpClient http;
    private Ticker ticker;

    ShardService(EmcommConfig config, Inventory inventory, NetworkHealth health, Clock clock, MeterRegistry registry) {
        this.config = config.shard();
        this.health = health;
        this.clock = clock;
        this.registry = registry;
        this.index = this.config.index().orElseGet(() -> ordinal(this.config.pod().orElse(null)));
        this.handover = this.config.handover().orElse(config.polling().interval().multipliedBy(2));
        if (index < 0) throw new IllegalStateException("emcomm.shard.index must be 0 or more, was " + index);
        if (index > 0 && this.config.writerUrl().isEmpty()) {
            throw new IllegalStateException("emcomm.shard.writer-url is required on replica " + index
                    + " (only replica 0 is the records writer)");
        }
        if (index > 0 && this.config.token().isEmpty()) {
            throw new IllegalStateException("emcomm.shard.token is required on replica " + index + " (the writer refuses calls without it)");
        }
        for (Terminal t : inventory.terminals()) hashes.put(t.id(), ShardPlan.hash(ShardPlan.key(t)));
        this.plan = new ShardPlan(readCount());
        this.owned = countOwned(plan);
    }

    /** The StatefulSet ordinal at the end of a pod name ({@code emcomm-2} → 2), else 0. */
    static int ordinal(String pod) {
        if (pod == null) return 0;
        Matcher m = Pattern.compile("-(\\d{1,6})$").matcher(pod);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    void start(@Observes @Priority(150) StartupEvent event) {
        org.emcomm.vsat.config.Meters.forget(registry, "emcomm.shard");
        Gauge.builder("emcomm.shard.count", this, s -> s.plan.count()).register(registry);
        Gauge.builder("emcomm.shard.backlog", this, ShardService::backlogSize).strongReference(true).register(registry);
        FunctionCounter.builder("emcomm.shard.forwarded", forwarded, AtomicLong::get).register(registry);
        FunctionCounter.builder("emcomm.shard.shed", shed, AtomicLong::get)
                .description("samples dropped (oldest first) while the writer was unreachable past the backlog bound").register(registry);
        if (plan.count() == 1 && index == 0 && config.countFile().isEmpty()) return;
        Log.infof("shard: replica %d of %d, %s%s", index, plan.count(), role(),
                role() == Role.POLLER ? ", sending to " + config.writerUrl().get() : "");
        if (role() == Role.POLLER) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ticker = Ticker.every("shard-forwarder", Duration.ofMillis(250), "sending samples to the records writer", this::forward);
        } else if (config.countFile().isPresent()) {
            ticker = Ticker.every("shard-plan", Duration.ofSeconds(1), "reading the shard count", () -> adopt(new ShardPlan(readCount())));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) ticker.close();
        if (role() == Role.POLLER && http != null) {
            try {
                forward(); // what is held goes to the writer before the replica goes away
            } catch (RuntimeException e) {
                Log.warnf("shard: %d samples not sent at shutdown: %s", backlogSize(), e.getMessage());
            }
        }
    }

    public int index() { return index; }

    public Role role() { return index == 0 ? Role.WRITER : Role.POLLER; }

    /** Whether this replica polls the terminal on its schedule now: it owns it, or gave it up less than the handover ago. */
    public boolean polls(Terminal t) {
        int hash = hashes.get(t.id());
        if (plan.owner(hash) == index) return true;
        ShardPlan before = previous;
        return before != null && before.owner(hash) == index && clock.instant().isBefore(handoverUntil);
    }

    /** Where this replica's polled samples go: the writer's own health, or the writer over HTTP. */
    public Consumer<Sample> sink() {
        return role() == Role.WRITER ? health : this::hold;
    }

    /** A trap this replica received: the writer handles it; any other replica sends it there. Returns whether it was sent on. */
    public boolean forwardsTraps() { return role() == Role.POLLER; }

    public void forwardTrap(Trap trap) {
        synchronized (traps) {
            if (traps.size() >= 10_000) traps.removeFirst();
            traps.addLast(trap);
        }
    }

    private void hold(Sample s) {
        synchronized (backlog) {
            if (backlog.size() >= config.backlog()) {
                backlog.removeFirst();
                shed.incrementAndGet();
            }
            backlog.addLast(s);
        }
    }

    private int backlogSize() {
        synchronized (backlog) { return backlog.size(); }
    }

    int readCount() {
        if (config.countFile().isPresent()) {
            Path f = Path.of(config.countFile().get());
            try {
                String text = Files.readString(f).trim();
                int n = Integer.parseInt(text);
                if (n >= 1) return n;
                Log.warnf("shard: %s holds %d; the count must be 1 or more, keeping %d", f, n, current());
            } catch (IOException | NumberFormatException e) {
                Log.warnf("shard: cannot read the count from %s (%s); keeping %d", f, e.getMessage(), current());
            }
            return current();
        }
        if (config.count() < 1) throw new IllegalStateException("emcomm.shard.count must be 1 or more, was " + config.count());
        return config.count();
    }

    private int current() { return plan == null ? Math.max(1, config.count()) : plan.count(); }

    /** Takes a new count: the old plan stays in force beside it for the handover time. */
    synchronized void adopt(ShardPlan next) {
        if (next.equals(plan)) return;
        previous = plan;
        handoverUntil = clock.instant().plus(handover);
        plan = next;
        owned = countOwned(next);
        Log.infof("shard: count %d -> %d; replica %d now owns %d terminals, keeps polling the ones it gave up until %s",
                previous.count(), next.count(), index, owned(), handoverUntil);
    }

    public int owned() { return owned; }

    private int countOwned(ShardPlan p) {
        int n = 0;
        for (int hash : hashes.values()) if (p.owner(hash) == index) n++;
        return n;
    }

    /** The writer's side: samples from replica {@code from}, in the order it polled them. */
    int accept(int from, List<Sample> samples, List<Trap> fromTraps, int theirBacklog, int theirOwned) {
        for (Sample s : samples) health.accept(s);
        for (Trap t : fromTraps) peerTraps.accept(t);
        synchronized (members) {
            Member m = members.get(from);
            members.put(from, new Member(from, clock.instant(), (m == null ? 0 : m.samples()) + samples.size(),
                    (m == null ? 0 : m.traps()) + fromTraps.size(), theirBacklog, theirOwned));
        }
        return plan.count();
    }

    boolean tokenMatches(String presented) {
        return presented != null && config.token().isPresent()
                && java.security.MessageDigest.isEqual(presented.getBytes(), config.token().get().getBytes());
    }

    /** The writer hands traps sent by the other replicas here (the trap service registers itself). */
    public void onPeerTrap(Consumer<Trap> sink) { peerTraps = sink; }

    /** The poller's side: one POST per batch while anything is held, and one a second as a heartbeat that fetches the count. */
    private synchronized void forward() { // the ticker and shutdown both send; one at a time keeps the order
        boolean idle;
        synchronized (traps) { synchronized (backlog) { idle = traps.isEmpty() && backlog.isEmpty(); } }
        if (idle && System.nanoTime() - lastSentNanos < 1_000_000_000L) return;
        do {
            List<Sample> batch = new ArrayList<>();
            List<Trap> trapBatch;
            synchronized (traps) {
                trapBatch = new ArrayList<>(traps);
                traps.clear();
            }
            synchronized (backlog) {
                while (batch.size() < BATCH && !backlog.isEmpty()) batch.add(backlog.removeFirst());
            }
            try {
                int count = send(batch, trapBatch);
                lastSentNanos = System.nanoTime();
                forwarded.addAndGet(batch.size());
                if (lastError != null) Log.infof("shard: the records writer answers again; %d samples held were sent", batch.size());
                lastError = null;
                adopt(new ShardPlan(count));
            } catch (IOException | RuntimeException e) {
                putBack(batch, trapBatch);
                if (lastError == null) Log.warnf("shard: cannot reach the records writer (%s); holding samples (%d now, at most %d)",
                        e.getMessage(), backlogSize(), config.backlog());
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return;
            } catch (InterruptedException e) {
                putBack(batch, trapBatch);
                Thread.currentThread().interrupt();
                return;
            }
        } while (backlogSize() > 0);
    }

    private void putBack(List<Sample> batch, List<Trap> trapBatch) {
        synchronized (backlog) {
            for (int i = batch.size() - 1; i >= 0; i--) backlog.addFirst(batch.get(i));
            while (backlog.size() > config.backlog()) {
                backlog.removeFirst();
                shed.incrementAndGet();
            }
        }
        synchronized (traps) {
            for (int i = trapBatch.size() - 1; i >= 0; i--) traps.addFirst(trapBatch.get(i));
        }
    }

    private int send(List<Sample> batch, List<Trap> trapBatch) throws IOException, InterruptedException {
        String base = config.writerUrl().get().replaceAll("/+$", "");
        if (!trapBatch.isEmpty()) {
            post(base + "/internal/shard/traps", JSON.writeValueAsBytes(trapBatch), 0);
        }
        return post(base + "/internal/shard/samples", SampleCodec.encode(batch), batch.size());
    }

    private int post(String url, byte[] body, int samples) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(TOKEN_HEADER, config.token().get())
                .header(INDEX_HEADER, Integer.toString(index))
                .header(BACKLOG_HEADER, Integer.toString(backlogSize()))
                .header(OWNED_HEADER, Integer.toString(owned()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) throw new IOException(url + " answered " + res.statusCode() + ": " + res.body());
        return JSON.readTree(res.body()).path("count").asInt(plan.count());
    }

    public Status status() {
        List<Member> list;
        synchronized (members) { list = new ArrayList<>(members.values()); }
        ShardPlan before = previous;
        boolean inHandover = before != null && clock.instant().isBefore(handoverUntil);
        return new Status(index, plan.count(), role(), owned, inHandover ? before.count() : null, inHandover ? handoverUntil : null,
                config.writerUrl().orElse(null), backlogSize(), forwarded.get(), shed.get(), lastError, list);
    }

    public Optional<String> writerUrl() { return config.writerUrl(); }

    /** Samples are being dropped now: the writer is unreachable and the backlog is full. */
    public boolean shedding() {
        return lastError != null && backlogSize() >= config.backlog();
    }
}
