package org.emcomm.vsat.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Terminal-time by hour and the declared maintenance windows, rebuilt from stream {@value #STREAM}. Each
 * {@value #RECORDED} event adds to its hour: milliseconds monitored, up, in maintenance, and down per terminal.
 */
public final class AvailabilityBook {
    public static final String STREAM = "availability";
    public static final String RECORDED = "availability.recorded";
    public static final String DECLARED = "maintenance.declared";
    public static final String ENDED = "maintenance.ended";

    /** One hour's (or a period's) terminal-time in milliseconds. */
    public static final class Totals {
        long monitoredMs;
        long upMs;
        long maintenanceMs;
        final Map<String, Long> downMs = new HashMap<>();

        void add(Totals o) {
            monitoredMs += o.monitoredMs;
            upMs += o.upMs;
            maintenanceMs += o.maintenanceMs;
            o.downMs.forEach((k, v) -> downMs.merge(k, v, Long::sum));
        }

        public long monitoredMs() { return monitoredMs; }
        public long upMs() { return upMs; }
        public long maintenanceMs() { return maintenanceMs; }
        public Map<String, Long> downMs() { return downMs; }
    }

    /** Maintenance declared for some terminals from {@code from} to {@code to} (moved earlier when ended early). */
    public record Window(String id, List<String> terminals, Instant from, Instant to, String reason, String by, Instant declaredAt, Instant endedAt) {
        public boolean active(Instant now) { return !now.isBefore(from) && now.isBefore(to); }

        /** Milliseconds of [a, b) inside this window. */
        long overlapMs(long a, long b) {
            long s = Math.max(a, from.toEpochMilli()), e = Math.min(b, to.toEpochMilli());
            return Math.max(0, e - s);
        }
    }

    private final NavigableMap<Long, Totals> hours = new ConcurrentSkipListMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, List<Window>> byTerminal = new ConcurrentHashMap<>();

    void apply(String type, String entity, String actor, Instant at, JsonNode p) {
        switch (type) {
            case RECORDED -> {
                Totals t = new Totals();
                t.monitoredMs = p.path("monitoredMs").asLong();
                t.upMs = p.path("upMs").asLong();
                t.maintenanceMs = p.path("maintenanceMs").asLong();
                p.path("downMs").fields().forEachRemaining(e -> t.downMs.put(e.getKey(), e.getValue().asLong()));
                synchronized (hours) {
                    hours.computeIfAbsent(p.path("hour").asLong(), k -> new Totals()).add(t);
                }
            }
            case DECLARED -> {
                List<String> ts = new ArrayList<>();
                p.path("terminals").forEach(x -> ts.add(x.asText()));
                put(new Window(entity, List.copyOf(ts), Instant.parse(p.path("from").asText()), Instant.parse(p.path("to").asText()),
                        p.path("reason").asText(), actor, at, null));
            }
            case ENDED -> {
                Window w = windows.get(entity);
                if (w == null) return;
                Instant end = Instant.parse(p.path("at").asText());
                put(new Window(w.id(), w.terminals(), w.from(), end.isBefore(w.from()) ? w.from() : end, w.reason(), w.by(), w.declaredAt(), end));
            }
            default -> { }
        }
    }

    private void put(Window w) {
        Window old = windows.put(w.id(), w);
        for (String t : w.terminals()) {
            List<Window> l = byTerminal.computeIfAbsent(t, k -> new CopyOnWriteArrayList<>());
            if (old != null) l.remove(old);
            l.add(w);
        }
    }

    /** The sum of the recorded hours that start in [fromHour, toHour). */
    Totals totals(long fromHour, long toHour) {
        Totals sum = new Totals();
        synchronized (hours) {
            hours.subMap(fromHour, true, toHour, false).values().forEach(sum::add);
        }
        return sum;
    }

    /** Milliseconds of [a, b) the terminal spent in declared maintenance. */
    long maintenanceMs(String terminal, long a, long b) {
        List<Window> l = byTerminal.get(terminal);
        if (l == null) return 0;
        long ms = 0;
        for (Window w : l) ms += w.overlapMs(a, b);
        return Math.min(ms, b - a);
    }

    public Window window(String id) { return windows.get(id); }

    public List<Window> windows() { return windows.values().stream().sorted(Comparator.comparing(Window::from).thenComparing(Window::id)).toList(); }

    public int windowCount() { return windows.size(); }
}
