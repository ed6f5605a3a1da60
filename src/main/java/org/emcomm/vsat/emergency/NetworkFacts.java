package org.emcomm.vsat.emergency;

import java.time.Instant;
import java.util.List;

/**
 * Every network fact of a status report (domain.md §4), taken from a fresh poll of the affected
 * terminals: counts, each terminal (critical ones first), the hubs and beams serving the area, open
 * incidents in the area, and the support tasks of the emergency.
 */
public record NetworkFacts(Instant asOf, Poll poll, Counts counts, List<TerminalFact> terminals, List<HubFact> hubs,
                           List<BeamFact> beams, List<IncidentFact> incidents, List<TaskFact> tasks) {

    /** The fresh poll behind the facts: how many terminals it asked, how many answered, how long it took. */
    public record Poll(Instant startedAt, long millis, int polled, int answered, int unanswered, boolean complete) {}

    public record Counts(int total, int online, int degraded, int offline, int unknown, int critical, int criticalOffline) {}

    public record TerminalFact(String id, String site, String region, String regionName, boolean critical, String hub, String beam,
                               String state, String reason, Instant lastSeen, Double esNo, Double rxLevel) {}

    /** {@code state}: OK, UNREACHABLE (its agent did not answer) or OUTAGE (an active hub outage incident). */
    public record HubFact(String id, String name, String state, int terminals, int offline) {}

    /** {@code state}: OK or OUTAGE (an active beam outage incident). */
    public record BeamFact(String id, String satellite, String transponder, String state, int terminals, int offline) {}

    public record IncidentFact(String id, String title, String condition, String level, boolean major, String status, Instant openedAt) {}

    public record TaskFact(String id, String title, String status, String team, Instant dueAt) {}
}
