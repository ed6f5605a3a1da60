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

    /** Set by the incident worker around writing an event the book already has (kept during a full disk). */
    private volatile boolean skipNext;

    @Override
    protected void apply(JournalEvent e, JsonNode payload) {
        if (skipNext) {
            skipNext = false;
            return;
        }
        book.apply(e.seq(), e.type(), e.entity(), e.actor(), e.at(), payload);
    }

    /** The next incident event written is one the book applied already. */
    void alreadyApplied() { skipNext = true; }

    /** It was not written after all. */
    void applyAgain() { skipNext = false; }

    public IncidentBook book() { return book; }
}
