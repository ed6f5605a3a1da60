package org.emcomm.vsat.incident;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.JsonProjection;

/** The incidents projection: the journal's {@value IncidentBook#STREAM} stream applied to one book. */
@ApplicationScoped
public class IncidentRecords extends JsonProjection {
    private final IncidentBook book = new IncidentBook();

    @Override
    public String stream() { return IncidentBook.STREAM; }

    @Override
    protected void apply(JournalEvent e, JsonNode payload) {
        book.apply(e.seq(), e.type(), e.entity(), e.actor(), e.at(), payload);
    }

    public IncidentBook book() { return book; }
}
