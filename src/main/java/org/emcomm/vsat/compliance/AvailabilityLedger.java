package org.emcomm.vsat.compliance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.emcomm.vsat.health.TerminalState;

/**
 * Terminal-time by hour from a stream of (terminal, time, state) observations: the time since a terminal's
 * previous observation is added as the state that observation left — UP or DEGRADED up, DOWN down, UNKNOWN not
 * monitored — at most {@code maxGapMs} of it (longer gaps: the service was not watching), split at hour
 * boundaries, with the part inside declared maintenance counted apart. Hours stay here until drained.
 */
final class AvailabilityLedger {
    static final long HOUR = 3_600_000L;

    /** Milliseconds of [a, b) the terminal spent in declared maintenance. */
    interface Maintenance {
        long ms(String terminal, long a, long b);
    }

    private record Last(long at, TerminalState state) {}

    private final long maxGapMs;
    private final Maintenance maintenance;
    private final Map<String, Last> last = new ConcurrentHashMap<>();
    private final TreeMap<Long, AvailabilityBook.Totals> hours = new TreeMap<>();

    AvailabilityLedger(long maxGapMs, Maintenance maintenance) {
        this.maxGapMs = maxGapMs;
        this.maintenance = maintenance;
    }

    void observe(String terminal, long at, TerminalState state) {
        Last prev = last.put(terminal, new Last(at, state));
        if (prev == null || at <= prev.at() || prev.state() == TerminalState.UNKNOWN) return;
        boolean down = prev.state() == TerminalState.DOWN;
        synchronized (hours) {
            for (long s = Math.max(prev.at(), at - maxGapMs); s < at; ) {
                long hour = Math.floorDiv(s, HOUR);
                long e = Math.min(at, (hour + 1) * HOUR);
                long m = Math.min(e - s, maintenance.ms(terminal, s, e));
                long monitored = e - s - m;
                AvailabilityBook.Totals h = hours.computeIfAbsent(hour, k -> new AvailabilityBook.Totals());
                h.maintenanceMs += m;
                h.monitoredMs += monitored;
                if (monitored > 0) {
                    if (down) h.downMs.merge(terminal, monitored, Long::sum);
                    else h.upMs += monitored;
                }
                s = e;
            }
        }
    }

    /** Takes out the hours before {@code beforeHour} (all with Long.MAX_VALUE), oldest first. */
    Map<Long, AvailabilityBook.Totals> drain(long beforeHour) {
        synchronized (hours) {
            Map<Long, AvailabilityBook.Totals> head = new LinkedHashMap<>(hours.headMap(beforeHour, false));
            head.keySet().forEach(hours::remove);
            return head;
        }
    }

    /** Puts a drained hour back (its write failed). */
    void restore(long hour, AvailabilityBook.Totals t) {
        synchronized (hours) {
            hours.computeIfAbsent(hour, k -> new AvailabilityBook.Totals()).add(t);
        }
    }

    /** Adds the held hours in [fromHour, toHour) to {@code sum}. */
    void addTo(AvailabilityBook.Totals sum, long fromHour, long toHour) {
        synchronized (hours) {
            hours.subMap(fromHour, true, toHour, false).values().forEach(sum::add);
        }
    }
}
