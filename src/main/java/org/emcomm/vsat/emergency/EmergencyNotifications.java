package org.emcomm.vsat.emergency;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.notification.NotificationSource;

/** Webhooks hear when an emergency is declared, when its report clock warns or runs out, when a report
 * is submitted and when it closes. */
@ApplicationScoped
public class EmergencyNotifications implements NotificationSource {
    static final Set<String> NOTIFIED = Set.of(EmergencyBook.DECLARED, EmergencyBook.WARNING, EmergencyBook.OVERDUE, EmergencyBook.SUBMITTED,
            EmergencyBook.CLOSED);
    private final EmergencyRecords records;

    EmergencyNotifications(EmergencyRecords records) {
        this.records = records;
    }

    @Override
    public boolean notifies(JournalEvent e) {
        return e.stream().equals(EmergencyBook.STREAM) && NOTIFIED.contains(e.type());
    }

    @Override
    public void describe(JournalEvent e, ObjectNode n) {
        Emergency em = records.book().get(e.entity());
        if (em == null) return;
        ObjectNode o = n.putObject("emergency").put("id", em.id()).put("title", em.title()).put("type", em.type().name())
                .put("status", em.status().name()).put("declaredAt", em.declaredAt().toString())
                .put("reportDueAt", em.clock().dueAt().toString()).put("href", "/api/emergencies/" + em.id());
        em.regions().forEach(o.putArray("regions")::add);
        if (em.clock().submittedAt() != null) o.put("reportSubmittedAt", em.clock().submittedAt().toString()).put("onTime", em.clock().onTime());
    }
}
