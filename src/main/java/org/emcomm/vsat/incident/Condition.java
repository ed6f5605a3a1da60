package org.emcomm.vsat.incident;

/** What an incident is about. Terminal conditions are keyed by terminal; the others by their hub,
 * beam or region. */
public enum Condition {
    /** lost lock, logged off, or no answer to polls (after the profile's hysteresis) */
    TERMINAL_DOWN(Scope.Kind.TERMINAL),
    /** a profile's degraded rule holds, e.g. Es/No margin low */
    TERMINAL_DEGRADED(Scope.Kind.TERMINAL),
    /** the terminal's own agent refuses us (authentication, agent errors): we cannot see it */
    MONITORING_LOST(Scope.Kind.TERMINAL),
    /** sysUpTime went back, or a coldStart/warmStart trap */
    REBOOT(Scope.Kind.TERMINAL),
    /** K state changes within a window: one incident instead of K */
    FLAPPING(Scope.Kind.TERMINAL),
    /** Es/No dropped on N terminals of one province or beam while their agents answer */
    RAIN_FADE(Scope.Kind.REGION),
    HUB_OUTAGE(Scope.Kind.HUB),
    BEAM_OUTAGE(Scope.Kind.BEAM);

    private final Scope.Kind scope;

    Condition(Scope.Kind scope) { this.scope = scope; }

    public Scope.Kind scope() { return scope; }

    /** Parent incidents carry the affected terminals as children. */
    public boolean grouping() { return this == RAIN_FADE || this == HUB_OUTAGE || this == BEAM_OUTAGE; }
}
