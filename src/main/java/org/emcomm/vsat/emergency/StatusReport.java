package org.emcomm.vsat.emergency;

import java.time.Instant;

/** One numbered status report of an emergency: facts drafted by the service, narrative by people. */
public record StatusReport(String id, String emergency, int number, ReportKind kind, Status status, Instant draftedAt, String draftedBy,
                           NetworkFacts facts, Narrative narrative, String approvedBy, Instant approvedAt, Instant submittedAt,
                           String submittedBy, RecordHead recordHead) {

    public enum Status { DRAFT, SUBMITTED }

    /** The record journal's head (sequence number and hash) when the report was submitted: printed on the report, so a
     * filed copy names a point of the hash chain that `GET /api/journal/verify` and the anchor can be checked against. */
    public record RecordHead(long seq, String hash) {}

    public StatusReport(String id, String emergency, int number, ReportKind kind, Status status, Instant draftedAt, String draftedBy,
                        NetworkFacts facts, Narrative narrative, String approvedBy, Instant approvedAt, Instant submittedAt, String submittedBy) {
        this(id, emergency, number, kind, status, draftedAt, draftedBy, facts, narrative, approvedBy, approvedAt, submittedAt, submittedBy, null);
    }

    /** What people add: a summary, actions taken, the restoration estimate, the next update, who prepared it. */
    public record Narrative(String summary, String actionsTaken, String restorationEstimate, Instant nextUpdateAt, String preparedBy) {
        public static final Narrative EMPTY = new Narrative(null, null, null, null, null);

        Narrative merge(Narrative n) {
            if (n == null) return this;
            return new Narrative(n.summary != null ? n.summary : summary, n.actionsTaken != null ? n.actionsTaken : actionsTaken,
                    n.restorationEstimate != null ? n.restorationEstimate : restorationEstimate,
                    n.nextUpdateAt != null ? n.nextUpdateAt : nextUpdateAt, n.preparedBy != null ? n.preparedBy : preparedBy);
        }
    }
}
