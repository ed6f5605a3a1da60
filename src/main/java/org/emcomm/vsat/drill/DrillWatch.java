package org.emcomm.vsat.drill;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.Observation;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.health.TerminalStateMachine;
import org.emcomm.vsat.health.TerminalStatus;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;

/**
 * Watches the samples of running drills' terminals: keeps each one's latest result and notes, once per
 * drill, the first sample after the drill's start that says UP. It runs on the pollers' threads, so it only
 * notes; {@link DrillService#flush} writes the journal events.
 */
@ApplicationScoped
public class DrillWatch {
    /** One sample as a drill sees it: {@code state} what the sample says, {@code health} the state after hysteresis. */
    record Seen(Instant at, boolean answered, String state, String health, String reason, Double esNo) {}

    record Up(String drill, String terminal, Instant at) {}

    private record Followed(Instant since, Set<String> terminals, Set<String> up) {}

    private final NetworkHealth health;
    private final Inventory inventory;
    private final Map<String, Followed> drills = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byTerminal = new ConcurrentHashMap<>();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Up> ups = new ConcurrentLinkedQueue<>();

    DrillWatch(NetworkHealth health, Inventory inventory) {
        this.health = health;
        this.inventory = inventory;
    }

    void start(@Observes @Priority(150) StartupEvent event) {
        health.onSample(this::sampled);
    }

    private void sampled(Terminal t, Sample sample, Observation observed, TerminalState state, TerminalStateMachine.Transition transition) {
        Set<String> ds = byTerminal.get(t.id());
        if (ds == null || ds.isEmpty()) return;
        seen.put(t.id(), new Seen(sample.at(), sample.answered(), observed.state().name(), state.name(), observed.reason(), esNo(t, sample)));
        if (observed.state() != TerminalState.UP) return;
        for (String d : ds) {
            Followed f = drills.get(d);
            if (f != null && !sample.at().isBefore(f.since()) && f.up().add(t.id())) ups.add(new Up(d, t.id(), sample.at()));
        }
    }

    private Double esNo(Terminal t, Sample s) {
        DeviceProfile p = inventory.profile(t.profile());
        String metric = p == null ? null : p.signals().esNo();
        return metric != null && s.metrics().get(metric) instanceof MetricValue.Reading r ? r.value() : null;
    }

    /** Follows a running drill's terminals from {@code since}; {@code alreadyUp} were seen UP before (a restart). */
    void follow(String drill, Instant since, Collection<Terminal> terminals, Collection<String> alreadyUp) {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        terminals.forEach(t -> ids.add(t.id()));
        Set<String> up = ConcurrentHashMap.newKeySet();
        up.addAll(alreadyUp);
        drills.put(drill, new Followed(since, ids, up));
        for (String id : ids) byTerminal.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(drill);
    }

    void forget(String drill) {
        Followed f = drills.remove(drill);
        if (f == null) return;
        for (String id : f.terminals()) {
            Set<String> ds = byTerminal.get(id);
            if (ds == null) continue;
            ds.remove(drill);
            if (ds.isEmpty()) {
                byTerminal.remove(id);
                seen.remove(id);
            }
        }
    }

    /** The terminal's latest sample if it came at or after {@code since}. */
    Seen seen(String terminal, Instant since) {
        Seen s = seen.get(terminal);
        return s != null && !s.at().isBefore(since) ? s : null;
    }

    String health(String terminal) {
        TerminalStatus s = health.status(terminal);
        return s == null ? null : s.state().name();
    }

    List<Up> drain() {
        List<Up> out = new ArrayList<>();
        for (Up u; (u = ups.poll()) != null; ) out.add(u);
        return out;
    }
}
