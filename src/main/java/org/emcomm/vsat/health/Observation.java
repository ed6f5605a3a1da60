package org.emcomm.vsat.health;

/**
 * What one sample says about a terminal's state. {@code missed} marks a poll that went
 * unanswered (it counts toward DOWN only after enough misses in a row); {@code immediate}
 * states bypass hysteresis (we cannot see the terminal, so we must not pretend we can).
 */
public record Observation(TerminalState state, String reason, boolean missed, boolean immediate) {
    static Observation of(TerminalState s, String reason) { return new Observation(s, reason, false, false); }
}
