package org.emcomm.vsat.incident;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.notification.NotificationSource;

/** Webhooks hear when an incident opens (or reopens), escalates, is reclassified or changes condition,
 * and when it resolves; merged children, repeats and attachments are not notified. */
@ApplicationScoped
public class IncidentNotifications implements NotificationSource {
    static final Set<String> NOTIFIED = Set.of(IncidentBook.OPENED, IncidentBook.REOPENED, IncidentBook.ESCALATED,
            IncidentBook.CLASSIFIED, IncidentBook.CONDITION, IncidentBook.RESOLVED);
    private final IncidentRecords records;

    IncidentNotifications(IncidentRecords records) {
        this.records = records;
    }

    @Override
    public boolean notifies(JournalEvent e) {
        return e.stream().equals(IncidentBook.STREAM) && NOTIFIED.contains(e.type());
    }

    @Override
    public void describe(JournalEvent e, ObjectNode n) {
        Incident i = records.book().get(e.entity());
        if (i == null) return;
        ObjectNode inc = n.putObject("incident").put("id", i.id()).put("condition", i.condition().name())
                .put("scopeKind", i.scope().kind().name()).put("scopeId", i.scope().id()).put("title", i.title())
                .put("status", i.status().name()).put("level", i.level().name()).put("major", i.major())
                .put("openedAt", i.openedAt().toString()).put("children", i.children().size())
                .put("href", "/api/incidents/" + i.id());
        if (i.resolvedAt() != null) inc.put("resolvedAt", i.resolvedAt().toString());
    }
}
