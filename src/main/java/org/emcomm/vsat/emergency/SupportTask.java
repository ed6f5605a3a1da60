package org.emcomm.vsat.emergency;

import java.time.Instant;
import java.util.List;

/** A support task (保障任务) for an emergency or a planned major event (domain.md §6). */
public record SupportTask(String id, String title, String description, Supports supports, String location, Instant startAt,
                          Instant dueAt, String team, List<String> terminals, Status status, String reason, Canceller cancelledBy,
                          Instant createdAt, String createdBy, Instant startedAt, Instant endedAt, String endedBy,
                          List<Emergency.Entry> timeline) {

    public enum Status { ASSIGNED, IN_PROGRESS, COMPLETED, FAILED, CANCELLED;
        public boolean closed() { return this == COMPLETED || this == FAILED || this == CANCELLED; }
    }

    /** Who called a task off: the requester (it no longer counts as due) or the authority (it still does). */
    public enum Canceller { REQUESTER, AUTHORITY }

    public record Supports(Kind kind, String id) {
        public enum Kind { EMERGENCY, MAJOR_EVENT }
    }

    /** Counts toward the completion rate: everything except what the requester cancelled. */
    public boolean due() { return !(status == Status.CANCELLED && cancelledBy == Canceller.REQUESTER); }
}
