package org.emcomm.vsat.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.RequestScoped;

/** What the resource says a mutating call did; {@link AuditFilter} writes it to the audit trail. */
@RequestScoped
public class AuditContext {
    private String action;
    private String target;
    private JsonNode changes;

    /** @param changes before/after or the facts of the change, as JSON */
    public void describe(String action, String target, JsonNode changes) {
        this.action = action;
        this.target = target;
        this.changes = changes;
    }

    String action() { return action; }
    String target() { return target; }
    JsonNode changes() { return changes; }
}
