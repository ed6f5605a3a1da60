package org.emcomm.vsat.simulator;

/** What can go wrong in the simulated network; {@code target} is named per type. */
public enum ScenarioType {
    /** target: terminal id. Its own agent falls silent; a hub-table remote shows offline. */
    TERMINAL_DOWN,
    /** target: region id. Es/No drops several dB for every terminal in the region; agents answer. */
    RAIN_FADE,
    /** target: hub id. The hub agent falls silent and every remote of the hub loses lock. */
    HUB_OUTAGE,
    /** target: beam id. Every terminal in the beam loses lock; agents still answer. */
    BEAM_OUTAGE,
    /** target: terminal id. Down and up in turn every few seconds. */
    FLAPPING,
    /** target: terminal or hub id. The agent answers late (delaySeconds, default 3). */
    SLOW_AGENT,
    /** target: terminal or hub id. The agent answers with wrong types and junk text. */
    GARBAGE_VALUES,
    /** target: beam id. The beam's terminals' links lose {@link SimNetwork#LINK_FADE_LOSS} of the datagrams each way and
     * answer delaySeconds later (default 0.1): a fade on the space segment, Es/No untouched. */
    LINK_FADE
}
