package org.emcomm.vsat.incident;

import java.time.Duration;

/**
 * The thresholds of detection, reduction and correlation (emcomm.incidents.*).
 *
 * @param hold            a terminal condition found by polls or traps waits at least this long before it opens,
 *                        so that a parent or rain-fade incident formed meanwhile takes it as a child
 * @param correlationWait at most this long: a terminal's own incident opens once every other terminal of its
 *                        beam and hub (and province, for a degradation) has been polled since it went wrong,
 *                        so correlation has seen them, or once this has passed when some are not polled
 * @param reopenWindow    a recurrence of a resolved key within this window reopens it
 * @param flapTransitions state changes within {@code flapWindow} that make a terminal FLAPPING
 * @param flapQuiet       FLAPPING ends after this long without a state change
 * @param parentShare     share of a hub's or beam's terminals going down within {@code parentWindow} that raises the parent
 * @param parentMinTerminals a hub or beam with fewer terminals is never raised by share
 * @param hubSilentReads  reads of a hub's tables in a row without an answer (the later ones confirming, with more tries)
 *                        that make a HUB_OUTAGE on their own
 * @param fadeTerminals   terminals of one province or beam fading within {@code fadeWindow} that make a RAIN_FADE
 * @param fadeDropDb      Es/No drop below a terminal's clear-sky baseline that counts as fading
 * @param fadeEscalateAfter a rain fade lasting longer is graded by its geographic scope instead of Ⅳ
 * @param rebootHold      a REBOOT incident resolves after this long without another reboot
 * @param clearAfter      an active terminal incident whose condition the polls no longer show resolves after this long
 */
public record IncidentRules(Duration hold, Duration correlationWait, Duration reopenWindow, int flapTransitions, Duration flapWindow,
                            Duration flapQuiet, double parentShare, int parentMinTerminals, Duration parentWindow, int hubSilentReads,
                            int fadeTerminals, double fadeDropDb, Duration fadeWindow, Duration fadeEscalateAfter,
                            Duration rebootHold, Duration clearAfter) {
    public static final IncidentRules DEFAULT = new IncidentRules(Duration.ofSeconds(20), Duration.ofMinutes(3), Duration.ofMinutes(10), 4,
            Duration.ofMinutes(10), Duration.ofMinutes(10), 0.5, 3, Duration.ofMinutes(5), 2, 3, 3.0, Duration.ofMinutes(10),
            Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofMinutes(5));
}
