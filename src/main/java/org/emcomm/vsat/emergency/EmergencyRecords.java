package org.emcomm.vsat.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.JsonProjection;

/** The emergencies projection: the journal's {@value EmergencyBook#STREAM} stream applied to one book. */
@ApplicationScoped
public class EmergencyRecords extends JsonProjection {
    private final EmergencyBook book;

    EmergencyRecords(org.emcomm.vsat.config.EmcommConfig config) {
        this.book = new EmergencyBook(config.zone());
    }

    @Override
    public String stream() { return EmergencyBook.STREAM; }

    @Override
    protected void apply(JournalEvent e, JsonNode payload) {
        book.apply(e.seq(), e.type(), e.entity(), e.actor(), e.at(), payload);
    }

    public EmergencyBook book() { return book; }
}
