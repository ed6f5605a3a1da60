package org.emcomm.vsat.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.JsonProjection;

/** The availability projection: the journal's {@value AvailabilityBook#STREAM} stream applied to one book. */
@ApplicationScoped
public class AvailabilityRecords extends JsonProjection {
    private final AvailabilityBook book = new AvailabilityBook();

    @Override
    public String stream() { return AvailabilityBook.STREAM; }

    @Override
    protected void apply(JournalEvent e, JsonNode payload) {
        book.apply(e.type(), e.entity(), e.actor(), e.at(), payload);
    }

    public AvailabilityBook book() { return book; }
}
