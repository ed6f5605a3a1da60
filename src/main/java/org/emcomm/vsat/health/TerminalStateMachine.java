package org.emcomm.vsat.health;

import java.time.Instant;
import org.emcomm.vsat.inventory.DeviceProfile.StateRules;

/**
 * One terminal's state with hysteresis. Not thread-safe: the caller serialises updates per
 * terminal. A new state is taken after {@code enterAfter} consecutive observations of it
 * (from UNKNOWN at once); unanswered polls lead to DOWN after {@code downAfterMissedPolls}
 * in a row, which is their own hysteresis, and polls whose hub agent did not answer lead to
 * UNKNOWN the same way.
 */
public final class TerminalStateMachine {
    private TerminalState state = TerminalState.UNKNOWN;
    private String reason = "not polled yet";
    private Instant since;
    private TerminalState candidate;
    private int candidateCount;
    private int missed;

    public record Transition(TerminalState from, TerminalState to, String reason, Instant at) {}

    /** Applies an observation; returns the transition it caused, or null. */
    public Transition apply(Observation o, StateRules rules, Instant now) {
        if (since == null) since = now;
        if (o.missed()) {
            missed++;
            if (missed < rules.downAfterMissedPolls()) {
                candidate = null;
                candidateCount = 0;
                return null;
            }
            return move(o.state(), o.reason() + " (" + missed + " in a row)", now); // DOWN, or UNKNOWN behind a silent hub
        }
        missed = 0;
        if (o.immediate() || state == TerminalState.UNKNOWN || o.state() == state) {
            return move(o.state(), o.reason(), now);
        }
        if (o.state() == candidate) {
            candidateCount++;
        } else {
            candidate = o.state();
            candidateCount = 1;
        }
        return candidateCount >= rules.enterAfter() ? move(o.state(), o.reason(), now) : null;
    }

    private Transition move(TerminalState to, String why, Instant now) {
        candidate = null;
        candidateCount = 0;
        reason = why;
        if (to == state) return null;
        Transition t = new Transition(state, to, why, now);
        state = to;
        since = now;
        return t;
    }

    public TerminalState state() { return state; }
    public String reason() { return reason; }
    public Instant since() { return since; }
    public int missedPolls() { return missed; }
}
