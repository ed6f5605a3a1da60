package org.emcomm.vsat.drill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.notification.NotificationSource;

/** Webhooks hear when a drill starts, completes or is cancelled, and when a corrective action falls overdue. */
@ApplicationScoped
public class DrillNotifications implements NotificationSource {
    static final Set<String> NOTIFIED = Set.of(DrillBook.STARTED, DrillBook.COMPLETED, DrillBook.CANCELLED, DrillBook.ACTION_OVERDUE);
    private final DrillRecords records;

    DrillNotifications(DrillRecords records) {
        this.records = records;
    }

    @Override
    public boolean notifies(JournalEvent e) {
        return e.stream().equals(DrillBook.STREAM) && NOTIFIED.contains(e.type());
    }

    @Override
    public void describe(JournalEvent e, ObjectNode n) {
        Drill d = records.book().get(e.entity());
        if (d == null) return;
        n.putObject("drill").put("id", d.id()).put("codeName", d.codeName()).put("type", d.type().name()).put("status", d.status().name())
                .put("organiser", d.organiser()).put("terminals", d.verification().total()).put("verified", d.verification().verified())
                .put("result", d.verification().result()).put("href", "/api/drills/" + d.id());
    }
}
