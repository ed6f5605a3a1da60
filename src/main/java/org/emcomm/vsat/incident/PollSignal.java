package org.emcomm.vsat.incident;

import java.time.Instant;
import org.emcomm.vsat.health.Observation;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.health.TerminalStateMachine;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;
import org.emcomm.vsat.inventory.Topology.Terminal;

/**
 * What one poll said about a terminal, as the incident rules read it: its state after hysteresis,
 * the state it left ({@code from}, null when the state did not change), whether its agent (or its
 * hub's agent) answered, whether its own poll went unanswered ({@code missed}: a timeout, or its hub has no
 * row for it; not a refusal, which is a monitoring problem), whether this very sample shows the link lost
 * ({@code linkLost}: a down rule holds, before hysteresis), and the signals of its profile.
 */
public record PollSignal(Terminal terminal, Instant at, TerminalState state, String reason, TerminalState from,
                         boolean answered, boolean parentUnreachable, boolean missed, boolean linkLost, Double esNo, Double uptimeSeconds) {
    boolean changed() { return from != null; }

    /** What one sample, evaluated by the terminal's state machine, says to the incident rules. */
    public static PollSignal of(Terminal t, DeviceProfile profile, Sample s, Observation observed, TerminalState state,
                                TerminalStateMachine.Transition transition) {
        boolean parentUnreachable = s.status() == Sample.PollStatus.PARENT_UNREACHABLE;
        return new PollSignal(t, s.at(), state, transition == null ? null : transition.reason(), transition == null ? null : transition.from(),
                s.answered(), parentUnreachable, observed.missed() && !parentUnreachable, s.answered() && observed.state() == TerminalState.DOWN,
                reading(s, profile.signals().esNo()), reading(s, profile.signals().uptime()));
    }

    private static Double reading(Sample s, String metric) {
        return metric != null && s.metrics().get(metric) instanceof MetricValue.Reading r ? r.value() : null;
    }
}
