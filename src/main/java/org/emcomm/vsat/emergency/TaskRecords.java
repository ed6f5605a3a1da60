package org.emcomm.vsat.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.JsonProjection;

/** The support-task projection: the journal's {@value TaskBook#STREAM} stream applied to one book. */
@ApplicationScoped
public class TaskRecords extends JsonProjection {
    private final TaskBook book = new TaskBook();

    @Override
    public String stream() { return TaskBook.STREAM; }

    @Override
    protected void apply(JournalEvent e, JsonNode payload) {
        book.apply(e.seq(), e.type(), e.entity(), e.actor(), e.at(), payload);
    }

    public TaskBook book() { return book; }
}
