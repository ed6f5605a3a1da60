package org.emcomm.vsat.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** An incident as the API shows it: an immutable snapshot of the projection. */
public record Incident(String id, String key, Condition condition, Scope scope, String title, IncidentStatus status,
                       ResponseLevel level, boolean major, Classification classification, String source,
                       Instant detectedAt, Instant openedAt, Instant lastSeen, int count, int reopened,
                       Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy,
                       String resolution, String mergedInto, List<Child> children, List<TimelineEntry> timeline) {

    /** A terminal affected by a parent incident; {@code recoveredAt} once it is back. */
    public record Child(String terminal, Instant attachedAt, Instant recoveredAt) {}

    /** How the level and the major flag were decided: by the rule (with its version) or by a person. */
    public record Classification(String rule, String ruleVersion, boolean manual, String reason, String by, Instant at) {}

    public record TimelineEntry(long seq, Instant at, String type, String actor, String text, JsonNode details) {}

    public boolean active() { return status.active(); }

    public long activeChildren() { return children.stream().filter(c -> c.recoveredAt() == null).count(); }
}
