package org.emcomm.vsat.emergency;

import java.time.Instant;
import java.util.List;

/**
 * Every network fact of a status report (domain.md §4), taken from a fresh poll of the affected
 * terminals: counts, each terminal (critical ones first), the area's prefectures and counties, the hubs
 * and beams serving it, open incidents in the area, and the support tasks of the emergency. A terminal
 * the fresh poll has not heard from (yet) is never counted online: it is UNCONFIRMED, with its last known
 * state and when that was.
 */
public record NetworkFacts(Instant asOf, Poll poll, Counts counts, List<TerminalFact> terminals, List<AreaFact> areas, List<HubFact> hubs,
                           List<BeamFact> beams, List<IncidentFact> incidents, List<TaskFact> tasks) {

    /**
     * The fresh poll behind the facts, exactly as it stood when they were taken: terminals asked, answered, not
     * answering (their agent, or their hub's, did not answer within its timeout and retries) and still waited for.
     * {@code unanswered} is noAnswer + waiting. {@code complete}: every terminal had its answer or its timeout.
     */
    public record Poll(String id, Instant startedAt, long millis, int polled, int answered, int noAnswer, int waiting, int unanswered,
                       boolean complete) {}

    /** {@code unconfirmed}: last known UP or DEGRADED but not heard from in the fresh poll (yet). Sums to {@code total}. */
    public record Counts(int total, int online, int degraded, int offline, int unknown, int unconfirmed, int critical, int criticalOffline) {}

    /** How a terminal is counted in the report. */
    public enum Reported { ONLINE, DEGRADED, OFFLINE, UNKNOWN, UNCONFIRMED }

    /**
     * {@code state}: the service's state after hysteresis; {@code reported}: how the report counts it; {@code freshPoll}:
     * ANSWERED, NO_ANSWER or WAITING; {@code reason}/{@code reasonZh}: in plain words, without addresses;
     * {@code lastSeen}: its last answer to any poll.
     */
    public record TerminalFact(String id, String site, String region, String regionName, String prefecture, String prefectureName,
                               boolean critical, String hub, String beam, String state, Reported reported, String freshPoll, String reason,
                               String reasonZh, Instant lastSeen, Double esNo, Double rxLevel) {}

    /** One prefecture or county of the area: its terminals by how they are counted, and the fresh poll's progress there. */
    public record AreaFact(String id, String name, String level, String parent, int total, int online, int degraded, int offline, int unknown,
                           int unconfirmed, int critical, int criticalOffline, int answered, int noAnswer, int waiting) {}

    /** {@code state}: OK, UNREACHABLE (its agent did not answer) or OUTAGE (an active hub outage incident). */
    public record HubFact(String id, String name, String state, int terminals, int offline) {}

    /** {@code state}: OK or OUTAGE (an active beam outage incident). */
    public record BeamFact(String id, String satellite, String transponder, String state, int terminals, int offline) {}

    public record IncidentFact(String id, String title, String condition, String level, boolean major, String status, Instant openedAt) {}

    public record TaskFact(String id, String title, String status, String team, Instant dueAt) {}
}
