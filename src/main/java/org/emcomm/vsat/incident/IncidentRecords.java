package org.emcomm.vsat.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.Projection;

/** The incidents projection: the journal's {@value IncidentBook#STREAM} stream applied to one book. */
@ApplicationScoped
public class IncidentRecords implements Projection {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IncidentBook book = new IncidentBook();

    @Override
    public String stream() { return IncidentBook.STREAM; }

    @Override
    public void apply(JournalEvent e) {
        try {
            book.apply(e.seq(), e.type(), e.entity(), e.actor(), e.at(), JSON.readTree(e.payload()));
        } catch (IOException ex) {
            throw new UncheckedIOException("incident event " + e.seq() + " is not readable", ex);
        }
    }

    public IncidentBook book() { return book; }
}
