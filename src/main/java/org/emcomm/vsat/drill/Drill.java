package org.emcomm.vsat.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A drill record (domain.md §5) as the book holds it: the plan, the run, the after-action record. */
public record Drill(String id, String codeName, String title, DrillKinds.Type type, DrillKinds.Scope scope, DrillKinds.Purpose purpose,
                    String organiser, List<String> coOrganisers, Instant plannedStart, Instant plannedEnd, Instant actualStart,
                    Instant actualEnd, String location, String scenario, DrillKinds.Level simulatedLevel, List<Objective> objectives,
                    List<String> subjects, List<Participant> participants, Resources resources, List<String> regions, List<String> terminals,
                    Status status, Instant plannedAt, String plannedBy, String startedBy, String closedBy, String cancelReason,
                    Verification verification, List<TimelineEntry> timeline, List<ObjectiveRating> ratings, List<String> strengths,
                    List<String> improvements, String summary, SignOff signOff, List<CorrectiveAction> actions,
                    List<Attachment> attachments, List<Entry> history) {

    public enum Status { PLANNED, IN_PROGRESS, COMPLETED, CANCELLED;
        public boolean closed() { return this == COMPLETED || this == CANCELLED; }
    }

    public record Objective(String id, String text) {}

    public record Participant(String organisation, DrillKinds.Role role, String name, Integer count) {}

    /** People, vehicles and satellite capacity committed (the terminals are the drill's own list). */
    public record Resources(Integer people, Integer vehicles, String satelliteCapacity, String notes) {}

    /** An inject or observation: {@code at} when it happened in the drill, {@code loggedAt} when it was written down. */
    public record TimelineEntry(int n, DrillKinds.EntryKind kind, Instant at, String content, String expectedAction,
                                String observedAction, String objective, String by, Instant loggedAt) {}

    public record ObjectiveRating(String objective, DrillKinds.Rating rating, String notes) {}

    public record SignOff(String name, String role, Instant at) {}

    public record CorrectiveAction(String id, String title, String owner, Instant dueAt, String objective, DrillKinds.ActionStatus status,
                                   Instant createdAt, String createdBy, Instant closedAt, String closedBy, String note, Instant overdueNotedAt) {
        public boolean open() { return status != DrillKinds.ActionStatus.CLOSED; }

        public boolean overdue(Instant now) { return open() && now.isAfter(dueAt); }

        public long overdueDays(Instant now) { return overdue(now) ? Duration.between(dueAt, now).toDays() : 0; }
    }

    public record Attachment(String id, String name, DrillKinds.AttachmentKind kind, String contentType, long size, String sha256,
                             Instant addedAt, String addedBy) {}

    public record Entry(long seq, Instant at, String type, String actor, String text) {}

    /**
     * Live verification: every round the service polled the drill's terminals, and per terminal the latest
     * result and when it was first seen UP after the start. {@code verified} counts terminals seen UP.
     */
    public record Verification(List<Round> rounds, List<TerminalCheck> terminals, int total, int verified, List<String> neverUp, String result) {}

    public enum Trigger { START, ON_DEMAND }

    public record Round(int n, Trigger trigger, Instant startedAt, long millis, int polled, int answered, int up, boolean complete, String by) {}

    /** {@code state} what the last poll said (UP, DEGRADED, DOWN, UNKNOWN), {@code health} the terminal's state after hysteresis. */
    public record TerminalCheck(String terminal, String site, String region, Boolean answered, String state, String health, String reason,
                                Double esNo, Instant checkedAt, Instant firstUpAt, boolean verified) {}

    /** The moment that places the drill in a year: completion for completed drills, the start once started, else the planned start. */
    public Instant when() {
        if (status == Status.COMPLETED && actualEnd != null) return actualEnd;
        if (actualStart != null) return actualStart;
        return plannedStart;
    }

    public Objective objective(String oid) {
        return objectives.stream().filter(o -> o.id().equals(oid)).findFirst().orElse(null);
    }

    public CorrectiveAction action(String aid) {
        return actions.stream().filter(a -> a.id().equals(aid)).findFirst().orElse(null);
    }

    public Attachment attachment(String aid) {
        return attachments.stream().filter(a -> a.id().equals(aid)).findFirst().orElse(null);
    }
}
