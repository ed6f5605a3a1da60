package org.emcomm.vsat.health;

import io.quarkus.logging.Log;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;

/**
 * Live state of every terminal, fed by samples. Each terminal's updates are serialised on its
 * own entry, so samples for different terminals never wait for each other.
 */
public final class NetworkHealth implements Consumer<Sample> {
    private final Inventory inventory;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();
    private final List<SampleListener> sampleListeners = new CopyOnWriteArrayList<>();
    private final List<StateListener> stateListeners = new CopyOnWriteArrayList<>();

    /** Every sample with the state it left its terminal in and the transition it caused, if any
     * (for storage and incident detection). Called in order per terminal. */
    public interface SampleListener {
        void sampled(Terminal terminal, Sample sample, Observation observed, TerminalState state, TerminalStateMachine.Transition transition);
    }

    /** Every sample's time and the state (after hysteresis) it left its terminal in, for features that
     * only need the state over time (availability). Called in order per terminal. */
    public interface StateListener {
        void observed(Terminal terminal, java.time.Instant at, TerminalState state);
    }

    /** Transitions kept per terminal for its state history summary. */
    static final int HISTORY = 20;

    /** A terminal changed state (for incidents and logs). */
    public record StateChange(Terminal terminal, TerminalStateMachine.Transition transition) {}

    public NetworkHealth(Inventory inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
        for (Terminal t : inventory.terminals()) entries.put(t.id(), new Entry(t));
    }

    public void onStateChange(Consumer<StateChange> listener) { listeners.add(listener); }

    public void onSample(SampleListener listener) { sampleListeners.add(listener); }

    public void onState(StateListener listener) { stateListeners.add(listener); }

    /** What a hub's NMS says of the hub itself at each read: out of service (with why) or not. */
    public interface HubListener {
        void hub(String hubId, java.time.Instant at, boolean outOfService, String reason);
    }

    private final List<HubListener> hubListeners = new CopyOnWriteArrayList<>();

    public void onHub(HubListener listener) { hubListeners.add(listener); }

    /** A read of a hub's own columns (chassis, protocol processors), judged by its profile's {@code hub.down}. */
    public void hub(org.emcomm.vsat.polling.HubReading reading) {
        var h = inventory.hub(reading.hubId());
        if (h == null || h.profile() == null) return;
        String fault = StateEvaluator.hubFault(inventory.profile(h.profile()), reading);
        for (HubListener l : hubListeners) l.hub(reading.hubId(), reading.at(), fault != null, fault);
    }

    @Override
    public void accept(Sample sample) {
        Entry e = entries.get(sample.terminalId());
        if (e == null) return;
        TerminalStateMachine.Transition t;
        TerminalState state;
        synchronized (e) {
            DeviceProfile p = inventory.profile(e.terminal.profile());
            Observation observed = StateEvaluator.evaluate(p, sample);
            t = e.machine.apply(observed, p.state(), sample.at());
            e.lastPoll = sample;
            if (sample.answered()) {
                e.lastAnswer = sample;
                e.metrics = sample.metrics();
            }
            state = e.machine.state();
            if (t != null) {
                if (e.history.size() == HISTORY) e.history.removeFirst();
                e.history.addLast(t);
            }
            for (SampleListener l : sampleListeners) l.sampled(e.terminal, sample, observed, state, t);
            for (StateListener l : stateListeners) l.observed(e.terminal, sample.at(), state);
        }
        if (t != null) {
            if (t.from() != TerminalState.UNKNOWN || t.to() != TerminalState.UP) {
                Log.infof("terminal %s %s -> %s: %s", e.terminal.id(), t.from(), t.to(), t.reason());
            }
            StateChange change = new StateChange(e.terminal, t);
            for (Consumer<StateChange> l : listeners) l.accept(change);
        }
    }

    public TerminalStatus status(String terminalId) {
        Entry e = entries.get(terminalId);
        return e == null ? null : e.snapshot();
    }

    public List<TerminalStatus> all() {
        List<TerminalStatus> out = new ArrayList<>(entries.size());
        for (Terminal t : inventory.terminals()) out.add(entries.get(t.id()).snapshot());
        return out;
    }

    public Map<TerminalState, Long> countByState() {
        Map<TerminalState, Long> counts = new java.util.EnumMap<>(TerminalState.class);
        for (Entry e : entries.values()) {
            TerminalState s;
            synchronized (e) { s = e.machine.state(); }
            counts.merge(s, 1L, Long::sum);
        }
        return counts;
    }

    public Inventory inventory() { return inventory; }

    public Clock clock() { return clock; }

    private static final class Entry {
        final Terminal terminal;
        final TerminalStateMachine machine = new TerminalStateMachine();
        Sample lastPoll;
        Sample lastAnswer;
        Map<String, MetricValue> metrics = Map.of();
        final java.util.ArrayDeque<TerminalStateMachine.Transition> history = new java.util.ArrayDeque<>();

        Entry(Terminal terminal) { this.terminal = terminal; }

        synchronized TerminalStatus snapshot() {
            return new TerminalStatus(terminal, machine.state(), machine.reason(), machine.since(),
                    lastPoll == null ? null : lastPoll.at(), lastPoll == null ? null : lastPoll.status(), lastAnswer == null ? null : lastAnswer.at(),
                    machine.missedPolls(), lastPoll == null ? 0 : lastPoll.latencyMicros(), metrics, List.copyOf(history));
        }
    }
}
