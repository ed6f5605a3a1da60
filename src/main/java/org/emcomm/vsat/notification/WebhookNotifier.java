package org.emcomm.vsat.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.JournalService;

/**
 * Tells webhooks of the journal events a {@link NotificationSource} says people must hear of
 * (incidents opening, escalating and resolving; emergencies declared, their report clock's warnings
 * and deadline, reports submitted). Each webhook reads the journal from its own cursor ({@code <data-dir>/notify-NAME.seq}), so
 * nothing is lost across a restart; a first start begins at the journal's head. Deliveries are
 * signed (HMAC-SHA256), retried with doubling backoff, and given up after the configured attempts,
 * visible through {@link #status()}.
 */
@ApplicationScoped
public class WebhookNotifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final EmcommConfig config;
    private final JournalService journal;
    private final List<NotificationSource> sources;
    private final Clock clock;
    private final Map<String, Hook> hooks = new TreeMap<>();

    /** One failed delivery given up after its attempts. */
    public record Failure(long seq, String event, String entity, int attempts, String error, Instant at) {}

    public record Status(String name, String url, long delivered, long failed, int pending, String lastError, Instant lastAttemptAt,
                         long cursor, List<Failure> failures) {}

    WebhookNotifier(EmcommConfig config, JournalService journal, jakarta.enterprise.inject.Instance<NotificationSource> sources, Clock clock) {
        this.config = config;
        this.journal = journal;
        this.sources = sources.stream().toList();
        this.clock = clock;
    }

    void start(@Observes @Priority(170) StartupEvent event) {
        config.notifications().webhooks().forEach((name, c) -> {
            URI uri;
            try {
                uri = URI.create(c.url());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) throw new IllegalArgumentException("not http(s)");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("emcomm.notifications.webhooks." + name + ".url: '" + c.url() + "' is not an http(s) URL");
            }
            if (c.secret().isBlank()) throw new IllegalArgumentException("emcomm.notifications.webhooks." + name + ".secret: must not be empty");
            if (c.maxAttempts() < 1) throw new IllegalArgumentException("emcomm.notifications.webhooks." + name + ".max-attempts: must be at least 1");
            Hook h = new Hook(name, uri, c, Path.of(config.dataDir()).resolve("notify-" + name + ".seq"));
            hooks.put(name, h);
            journal.subscribe(h.cursor, h::offer);
            h.thread.start();
            Log.infof("notifications: webhook %s -> %s from journal seq %d", name, uri, h.cursor);
        });
    }

    void stop(@Observes ShutdownEvent event) {
        for (Hook h : hooks.values()) h.thread.interrupt();
    }

    /**
     * An event that happened but cannot be recorded yet (the data disk is full): every webhook delivers it now, with
     * {@code seq} 0 and {@code "recorded": false}, so people are reached during the outage; when the same event is
     * recorded later (same stream, type, entity and time) it is not delivered again.
     */
    public void early(String stream, String type, String entity, String actor, String payload, Instant at) {
        JournalEvent e = new JournalEvent(0, stream, 0, at, type, entity, actor, payload, "", "");
        if (source(e) == null) return;
        for (Hook h : hooks.values()) h.queue.add(e);
    }

    private static String key(JournalEvent e) { return e.stream() + "\u0000" + e.type() + "\u0000" + e.entity() + "\u0000" + e.at(); }

    public List<Status> status() {
        List<Status> out = new ArrayList<>();
        for (Hook h : hooks.values()) {
            synchronized (h) {
                out.add(new Status(h.name, h.uri.toString(), h.delivered, h.failed, (int) h.queue.stream()
                        .filter(e -> source(e) != null).count(), h.lastError, h.lastAttemptAt, h.cursor,
                        List.copyOf(h.failures)));
            }
        }
        return out;
    }

    private NotificationSource source(JournalEvent e) {
        for (NotificationSource s : sources) if (s.notifies(e)) return s;
        return null;
    }

    private final class Hook {
        final String name;
        final URI uri;
        final EmcommConfig.Notifications.Webhook config;
        final Path cursorFile;
        final LinkedBlockingQueue<JournalEvent> queue = new LinkedBlockingQueue<>();
        final ArrayDeque<Failure> failures = new ArrayDeque<>();
        /** Events delivered before they were recorded, not to be delivered again when they are. Hook thread only. */
        final java.util.Set<String> deliveredEarly = new java.util.HashSet<>();
        final Thread thread;
        final HttpClient http;
        long cursor, delivered, failed;
        String lastError;
        Instant lastAttemptAt;

        Hook(String name, URI uri, EmcommConfig.Notifications.Webhook config, Path cursorFile) {
            this.name = name;
            this.uri = uri;
            this.config = config;
            this.cursorFile = cursorFile;
            this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
            this.cursor = readCursor();
            this.thread = new Thread(this::run, "webhook-" + name);
            thread.setDaemon(true);
        }

        private long readCursor() {
            try {
                if (Files.exists(cursorFile)) return Long.parseLong(Files.readString(cursorFile).trim());
            } catch (IOException | NumberFormatException e) {
                Log.warnf("webhook %s: cursor %s unreadable (%s); starting at the journal head", name, cursorFile, e.getMessage());
            }
            return journal.head().seq();
        }

        /** Journal listener, on the journal's thread: only queues (every event, so the cursor moves in order). */
        void offer(JournalEvent e) { queue.add(e); }

        private synchronized void advance(long seq) {
            if (seq <= cursor) return;
            cursor = seq;
            try {
                Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
                Files.createDirectories(cursorFile.getParent());
                Files.writeString(tmp, Long.toString(seq));
                Files.move(tmp, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Log.warnf("webhook %s: cursor not saved: %s", name, e.getMessage());
            }
        }

        private void run() {
            try {
                while (true) {
                    JournalEvent e = queue.take();
                    NotificationSource source = source(e);
                    if (e.seq() == 0) { // not recorded yet: deliver now, remember it, move no cursor
                        if (source != null) deliver(e, source);
                        deliveredEarly.add(key(e));
                        continue;
                    }
                    if (source != null && !deliveredEarly.remove(key(e))) deliver(e, source);
                    advance(e.seq());
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }

        private void deliver(JournalEvent e, NotificationSource source) throws InterruptedException {
            String body = body(e, source);
            Duration wait = config.backoff();
            for (int attempt = 1; ; attempt++) {
                String error;
                try {
                    long t = clock.instant().getEpochSecond();
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                            .header("Content-Type", "application/json")
                            .header("X-EmComm-Event", e.type())
                            .header("X-EmComm-Delivery", name + "-" + (e.seq() > 0 ? Long.toString(e.seq()) : "early-" + Integer.toHexString(key(e).hashCode())))
                            .header("X-EmComm-Signature", WebhookSigning.sign(config.secret(), t, body))
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() / 100 == 2) {
                        synchronized (this) { delivered++; lastAttemptAt = clock.instant(); }
                        return;
                    }
                    error = "HTTP " + r.statusCode();
                } catch (IOException ex) {
                    error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
                }
                synchronized (this) { lastError = error; lastAttemptAt = clock.instant(); }
                if (attempt >= config.maxAttempts()) {
                    Log.warnf("webhook %s: %s of %s given up after %d attempts: %s", name, e.type(), e.entity(), attempt, error);
                    synchronized (this) {
                        failed++;
                        if (failures.size() == 100) failures.removeFirst();
                        failures.addLast(new Failure(e.seq(), e.type(), e.entity(), attempt, error, clock.instant()));
                    }
                    return;
                }
                Log.debugf("webhook %s: attempt %d of %s failed (%s); retrying in %s", name, attempt, e.type(), error, wait);
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
            }
        }

        private String body(JournalEvent e, NotificationSource source) {
            ObjectNode n = JSON.createObjectNode().put("event", e.type()).put("seq", e.seq()).put("at", e.at().toString());
            if (e.seq() == 0) n.put("recorded", false); // the disk is full: sent before it could be recorded
            source.describe(e, n);
            try {
                JsonNode details = JSON.readTree(e.payload());
                if (details instanceof ObjectNode o) o.remove("terminals");
                n.set("details", details);
                return JSON.writeValueAsString(n);
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
