package org.emcomm.vsat.emergency;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A declared emergency with its report clock, reports and timeline (a snapshot of the book). */
public record Emergency(String id, String title, EmergencyType type, List<String> regions, Instant onsetAt, Instant declaredAt,
                        String declaredBy, Clock clock, Status status, Instant closedAt, String closedBy, String closeNote,
                        List<StatusReport> reports, List<Entry> timeline) {

    public enum Status { OPEN, CLOSED }

    /** The first report's deadline. {@code startsAt} is the declaration or the onset, as configured when declared. */
    public record Clock(String basis, Duration limit, Instant startsAt, Instant dueAt, Instant submittedAt, List<Warning> warnings,
                        Instant overdueAt) {

        public enum State { RUNNING, OVERDUE, ON_TIME, LATE }

        public State state(Instant now) {
            if (submittedAt != null) return onTime() ? State.ON_TIME : State.LATE;
            return now.isAfter(dueAt) ? State.OVERDUE : State.RUNNING;
        }

        /** Submitted no later than the due time; null while not submitted. */
        public Boolean onTime() { return submittedAt == null ? null : !submittedAt.isAfter(dueAt); }

        /** Time from the clock's start to the first submission (the indicator's figure). */
        public Duration took() { return submittedAt == null ? null : Duration.between(startsAt, submittedAt); }
    }

    /** A warning the clock gave: {@code left} is the configured point, {@code at} when it fired. */
    public record Warning(Duration left, Instant at) {}

    public record Entry(long seq, Instant at, String type, String actor, String text) {}

    public boolean open() { return status == Status.OPEN; }

    public StatusReport report(String rid) {
        return reports.stream().filter(r -> r.id().equals(rid)).findFirst().orElse(null);
    }
}
