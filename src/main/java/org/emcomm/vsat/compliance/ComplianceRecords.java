package org.emcomm.vsat.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.JsonProjection;

/** The compliance projection: the journal's {@value ComplianceBook#STREAM} stream applied to one book. */
@ApplicationScoped
public class ComplianceRecords extends JsonProjection {
    private final ComplianceBook book = new ComplianceBook();

    @Override
    public String stream() { return ComplianceBook.STREAM; }

    @Override
    protected void apply(JournalEvent e, JsonNode payload) {
        book.apply(e.seq(), e.type(), e.entity(), e.actor(), e.at(), payload);
    }

    public ComplianceBook book() { return book; }
}
