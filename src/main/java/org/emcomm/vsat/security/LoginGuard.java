package org.emcomm.vsat.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.audit.AuditTrail;
import org.emcomm.vsat.config.EmcommConfig;

/**
 * Failed logins, counted per user name and per source address. After {@code free} failures each further try must wait
 * (1 s, doubling, up to max-delay) and is refused unchecked before that; after {@code max} failures within the window
 * the name or the address is locked for lock-duration. A refused try is never checked, so a right password does not
 * work during a lock. Names that are not users count like names that are (the answers do not tell them apart). A lock
 * is audited and listed for admins; an admin may lift it. Everything is in memory: a restart lifts every lock.
 */
@ApplicationScoped
public class LoginGuard {
    /** At most this many names and as many addresses are tracked; the quietest unlocked ones go first. */
    static final int MAX_TRACKED = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind { USER, SOURCE }

    /** Why a try is refused, and for how long. */
    public record Wait(Kind kind, String key, Duration retryAfter, boolean locked) {
        public long seconds() { return Math.max(1, (retryAfter.toMillis() + 999) / 1000); }

        public String why() {
            String who = kind == Kind.USER ? "this user name" : "this address";
            return locked ? who + " is locked after too many failed logins; try again in " + seconds() + " s or ask an admin to lift the lock"
                    : "too many failed logins for " + who + "; try again in " + seconds() + " s";
        }
    }

    /** The failure a refused try raises: the mechanisms treat it as any failed login; the API's mapper answers 429. */
    public static io.quarkus.security.AuthenticationFailedException refusal(Wait wait) {
        return new io.quarkus.security.AuthenticationFailedException(wait.why(), Map.of(Wait.class.getName(), wait));
    }

    /** The wait a failure carries when it is a refused try, else null. */
    public static Wait waitOf(io.quarkus.security.AuthenticationFailedException e) {
        return e.getAttributes() == null ? null : e.getAttribute(Wait.class.getName());
    }

    /** A name or an address with failures, as an admin sees it. */
    public record Entry(Kind kind, String key, int failures, Instant lastFailure, Instant lockedUntil, Instant nextTry) {}

    private static final class Counter {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil;
    }

    private final Clock clock;
    private final EmcommConfig.Login config;
    private final java.util.function.Consumer<AuditTrail.Call> audit;
    private final Map<String, Counter> users = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Counter> sources = new LinkedHashMap<>(16, 0.75f, true);

    @jakarta.inject.Inject
    LoginGuard(Clock clock, EmcommConfig config, AuditTrail audit) {
        this(clock, config.login(), audit::record);
    }

    LoginGuard(Clock clock, EmcommConfig.Login config, java.util.function.Consumer<AuditTrail.Call> audit) {
        check("emcomm.login.max-failures", config.maxFailures() >= 1, "must be at least 1");
        check("emcomm.login.free-failures", config.freeFailures() >= 0 && config.freeFailures() <= config.maxFailures(), "must be 0..max-failures");
        check("emcomm.login.source-max-failures", config.sourceMaxFailures() >= 1, "must be at least 1");
        check("emcomm.login.source-free-failures", config.sourceFreeFailures() >= 0 && config.sourceFreeFailures() <= config.sourceMaxFailures(),
                "must be 0..source-max-failures");
        for (var d : Map.of("max-delay", config.maxDelay(), "lock-duration", config.lockDuration(), "window", config.window()).entrySet()) {
            check("emcomm.login." + d.getKey(), !d.getValue().isNegative() && !d.getValue().isZero(), "must be longer than 0");
        }
        this.clock = clock;
        this.config = config;
        this.audit = audit;
    }

    private static void check(String key, boolean ok, String rule) {
        if (!ok) throw new io.quarkus.runtime.configuration.ConfigurationException(key + ": " + rule);
    }

    /** Null when a try by this name from this address may be checked now; otherwise how long to wait. */
    public synchronized Wait admit(String user, String source) {
        user = key(user);
        Instant now = clock.instant();
        Wait u = wait(Kind.USER, user, users.get(user), config.freeFailures(), now);
        Wait s = wait(Kind.SOURCE, source, sources.get(source), config.sourceFreeFailures(), now);
        if (u == null) return s;
        if (s == null) return u;
        return u.retryAfter().compareTo(s.retryAfter()) >= 0 ? u : s;
    }

    /** A checked try failed: counted for the name and the address, and either may now be locked. */
    public void failed(String user, String source, String where) {
        user = key(user);
        List<Entry> locked = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            Entry u = count(Kind.USER, user, users, config.maxFailures(), now);
            Entry s = count(Kind.SOURCE, source, sources, config.sourceMaxFailures(), now);
            if (u != null) locked.add(u);
            if (s != null) locked.add(s);
        }
        for (Entry e : locked) {
            Log.warnf("login: %s '%s' locked until %s after %d failed logins (last at %s from %s)", e.kind().name().toLowerCase(),
                    printable(e.key()), e.lockedUntil(), e.failures(), where, printable(source));
            ObjectNode changes = JSON.createObjectNode().put("kind", e.kind().name().toLowerCase()).put("key", e.key())
                    .put("failures", e.failures()).put("lockedUntil", e.lockedUntil().toString()).put("source", source);
            try {
                audit.accept(new AuditTrail.Call("login-guard", List.of(), "login.lock", "POST", where, e.kind().name().toLowerCase() + ":" + e.key(),
                        429, changes));
            } catch (RuntimeException x) { // the lock holds even when the journal cannot take its record
                Log.errorf("login: the lock of %s '%s' could not be audited: %s", e.kind().name().toLowerCase(), printable(e.key()), x.getMessage());
            }
        }
    }

    /** A checked try succeeded: the name starts afresh (the address does not: one good account must not reset a spray). */
    public synchronized void succeeded(String user) {
        users.remove(key(user));
    }

    /** Names and addresses with failures in the window or a lock, locked ones first. */
    public synchronized List<Entry> entries() {
        Instant now = clock.instant();
        List<Entry> out = new ArrayList<>();
        collect(Kind.USER, users, config.freeFailures(), now, out);
        collect(Kind.SOURCE, sources, config.sourceFreeFailures(), now, out);
        out.sort(Comparator.comparing((Entry e) -> e.lockedUntil() == null).thenComparing(Entry::lastFailure, Comparator.reverseOrder()));
        return out;
    }

    /** Lifts a lock and forgets the failures; false when nothing was tracked under that key. */
    public synchronized boolean lift(Kind kind, String key) {
        return (kind == Kind.USER ? users : sources).remove(key) != null;
    }

    private Wait wait(Kind kind, String key, Counter c, int free, Instant now) {
        if (c == null) return null;
        prune(c, now);
        if (c.lockedUntil != null) {
            if (now.isBefore(c.lockedUntil)) return new Wait(kind, key, Duration.between(now, c.lockedUntil), true);
            c.lockedUntil = null;
            c.failures.clear(); // a lock served starts the count afresh
        }
        Instant next = nextTry(c, free);
        return next != null && now.isBefore(next) ? new Wait(kind, key, Duration.between(now, next), false) : null;
    }

    private Instant nextTry(Counter c, int free) {
        int n = c.failures.size();
        if (n < free || n == 0) return null;
        long ms = Math.min(config.maxDelay().toMillis(), 1000L << Math.min(20, n - free));
        return c.failures.peekLast().plusMillis(ms);
    }

    private Entry count(Kind kind, String key, Map<String, Counter> map, int max, Instant now) {
        Counter c = map.computeIfAbsent(key, k -> new Counter());
        prune(c, now);
        c.failures.addLast(now);
        if (map.size() > MAX_TRACKED) evict(map, now);
        if (c.lockedUntil == null && c.failures.size() >= max) {
            c.lockedUntil = now.plus(config.lockDuration());
            return new Entry(kind, key, c.failures.size(), now, c.lockedUntil, c.lockedUntil);
        }
        return null;
    }

    private void prune(Counter c, Instant now) {
        Instant oldest = now.minus(config.window());
        while (!c.failures.isEmpty() && c.failures.peekFirst().isBefore(oldest)) c.failures.removeFirst();
    }

    /** Drops the least recently tried unlocked entries until the map is back to its bound. */
    private void evict(Map<String, Counter> map, Instant now) {
        for (Iterator<Map.Entry<String, Counter>> it = map.entrySet().iterator(); it.hasNext() && map.size() > MAX_TRACKED; ) {
            Counter c = it.next().getValue();
            if (c.lockedUntil == null || !now.isBefore(c.lockedUntil)) it.remove();
        }
    }

    private void collect(Kind kind, Map<String, Counter> map, int free, Instant now, List<Entry> out) {
        for (Map.Entry<String, Counter> e : map.entrySet()) {
            Counter c = e.getValue();
            prune(c, now);
            boolean locked = c.lockedUntil != null && now.isBefore(c.lockedUntil);
            if (c.failures.isEmpty() && !locked) continue;
            Instant next = locked ? c.lockedUntil : nextTry(c, free);
            out.add(new Entry(kind, e.getKey(), c.failures.size(), c.failures.peekLast(), locked ? c.lockedUntil : null,
                    next != null && next.isAfter(now) ? next : null));
        }
    }

    /** The tracked form of a name: a form may send megabytes as a name, and ten thousand of them stay in memory. */
    static String key(String name) {
        if (name == null) return "";
        return name.length() <= 128 ? name : name.substring(0, 128) + "…";
    }

    /** A name or address as a log line may show it: at most 64 characters, control characters escaped. */
    static String printable(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char ch = s.charAt(i);
            if (Character.isISOControl(ch)) b.append(String.format("\\u%04x", (int) ch)); else b.append(ch);
        }
        return s.length() > 64 ? b + "…" : b.toString();
    }
}
