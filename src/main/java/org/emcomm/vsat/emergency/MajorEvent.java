package org.emcomm.vsat.emergency;

import java.time.Instant;
import java.util.List;

/** A planned major event (重大活动) the network supports: its regions and its window. */
public record MajorEvent(String id, String title, List<String> regions, Instant startAt, Instant endAt, Instant createdAt,
                         String createdBy, Instant cancelledAt, String cancelReason) {

    public boolean activeAt(Instant t) {
        return cancelledAt == null && !t.isBefore(startAt) && t.isBefore(endAt);
    }
}
