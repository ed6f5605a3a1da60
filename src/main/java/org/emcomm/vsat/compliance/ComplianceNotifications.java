package org.emcomm.vsat.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.notification.NotificationSource;

/** Webhooks hear when an indicator turns AT_RISK or MISSED. */
@ApplicationScoped
public class ComplianceNotifications implements NotificationSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean notifies(JournalEvent e) {
        if (!e.stream().equals(ComplianceBook.STREAM) || !e.type().equals(ComplianceBook.STATUS_CHANGED)) return false;
        String to = payload(e).path("to").asText();
        return to.equals("AT_RISK") || to.equals("MISSED");
    }

    @Override
    public void describe(JournalEvent e, ObjectNode body) {
        JsonNode p = payload(e);
        body.putObject("indicator").put("id", e.entity()).put("year", p.path("year").asInt()).put("status", p.path("to").asText())
                .put("href", "/api/compliance/indicators?year=" + p.path("year").asInt());
    }

    private static JsonNode payload(JournalEvent e) {
        try {
            return JSON.readTree(e.payload());
        } catch (IOException ex) {
            return JSON.createObjectNode();
        }
    }
}
