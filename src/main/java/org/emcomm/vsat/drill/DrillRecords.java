package org.emcomm.vsat.drill;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.JsonProjection;

/** The drill projection: the journal's {@value DrillBook#STREAM} stream applied to one book. */
@ApplicationScoped
public class DrillRecords extends JsonProjection {
    private final DrillBook book;

    DrillRecords(org.emcomm.vsat.config.EmcommConfig config) {
        this.book = new DrillBook(config.zone());
    }

    @Override
    public String stream() { return DrillBook.STREAM; }

    @Override
    protected void apply(JournalEvent e, JsonNode payload) {
        book.apply(e.seq(), e.type(), e.entity(), e.actor(), e.at(), payload);
    }

    public DrillBook book() { return book; }
}
