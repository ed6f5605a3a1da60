package org.emcomm.vsat.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emcomm.vsat.journal.JournalEvent;

/** A feature's say in what webhooks hear: which of its journal events are notified, and the subject
 * (the record as it stands) added to the delivery's body next to the event's own details. */
public interface NotificationSource {
    boolean notifies(JournalEvent e);

    /** Adds the subject to the body, e.g. {@code "incident": {…}}. */
    void describe(JournalEvent e, ObjectNode body);
}
