package org.emcomm.vsat.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.health.TerminalStatus;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.MetricValue;

/** The JSON shapes of the network API. */
final class Views {
    private Views() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MetricView(Double value, String label, String unit, String status, String raw, String reason) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TerminalView(String id, String name, String region, String province, String hub, String beam,
                        double latitude, double longitude, boolean critical, String profile, String agent, String row,
                        TerminalState state, String reason, OffsetDateTime since, OffsetDateTime lastPoll,
                        String lastPollStatus, OffsetDateTime lastSeen, int missedPolls, Double latencyMs,
                        Map<String, MetricView> metrics, List<TransitionView> history, List<IncidentResource.Summary> incidents) {}

    /** One state change of a terminal (its state history summary, newest last). */
    record TransitionView(String from, String to, String reason, OffsetDateTime at) {}

    record Counts(long total, long up, long degraded, long down, long unknown) {
        static Counts of(List<TerminalStatus> list) {
            long up = 0, degraded = 0, down = 0, unknown = 0;
            for (TerminalStatus s : list) {
                switch (s.state()) {
                    case UP -> up++;
                    case DEGRADED -> degraded++;
                    case DOWN -> down++;
                    case UNKNOWN -> unknown++;
                }
            }
            return new Counts(list.size(), up, degraded, down, unknown);
        }
    }

    static TerminalView terminal(TerminalStatus s, Inventory inventory, ZoneId zone) {
        return terminal(s, inventory, zone, null);
    }

    /** With {@code incidents} given: the detail view, with state history and active incidents. */
    static TerminalView terminal(TerminalStatus s, Inventory inventory, ZoneId zone, List<IncidentResource.Summary> incidents) {
        Terminal t = s.terminal();
        DeviceProfile p = inventory.profile(t.profile());
        Map<String, MetricView> metrics = new LinkedHashMap<>();
        s.metrics().forEach((name, v) -> metrics.put(name, metric(v, p.metric(name))));
        var province = inventory.province(t.region());
        return new TerminalView(t.id(), t.name(), t.region(), province == null ? null : province.id(), t.hub(), t.beam(),
                t.latitude(), t.longitude(), t.critical(), t.profile(),
                t.agent() == null ? null : t.agent().toString(), t.row(), s.state(), s.reason(),
                time(s.since(), zone), time(s.lastPoll(), zone),
                s.lastPollStatus() == null ? null : s.lastPollStatus().name(), time(s.lastAnswer(), zone),
                s.missedPolls(), s.lastPoll() == null ? null : s.latencyMicros() / 1000.0, metrics,
                incidents == null ? null : s.history().stream().map(h -> new TransitionView(h.from().name(), h.to().name(), h.reason(), time(h.at(), zone))).toList(),
                incidents);
    }

    static MetricView metric(MetricValue v, DeviceProfile.Metric m) {
        String unit = m == null ? null : m.unit();
        if (v instanceof MetricValue.Reading r) return new MetricView(r.value(), null, unit, "ok", r.raw(), null);
        if (v instanceof MetricValue.Label l) return new MetricView((double) l.code(), l.label(), null, "ok", l.raw(), null);
        if (v instanceof MetricValue.Text t) return new MetricView(null, t.raw(), null, "ok", t.raw(), null);
        if (v instanceof MetricValue.Sentinel s) return new MetricView(null, s.meaning(), unit, "sentinel", s.raw(), s.meaning());
        MetricValue.Invalid i = (MetricValue.Invalid) v;
        return new MetricView(null, null, unit, "invalid", i.raw(), i.reason());
    }

    static OffsetDateTime time(Instant i, ZoneId zone) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
