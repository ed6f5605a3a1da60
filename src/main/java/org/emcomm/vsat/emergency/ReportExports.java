package org.emcomm.vsat.emergency;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.emcomm.vsat.document.Csv;
import org.emcomm.vsat.document.HtmlView;
import org.emcomm.vsat.document.PdfRenderer;

/** A status report as CSV (one row per terminal), as an HTML print view, and as PDF. */
public final class ReportExports {
    private ReportExports() {}

    static final List<String> CSV_COLUMNS = List.of("emergency", "report", "kind", "number", "as_of", "terminal", "site", "region", "critical",
            "hub", "beam", "state", "reason", "last_seen", "es_no_db", "rx_level_dbm");

    /** RFC 4180 CSV: the report's columns repeated on each terminal row, critical terminals first. */
    public static String csv(Emergency e, StatusReport r, ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        Csv csv = new Csv(CSV_COLUMNS);
        String asOf = f.format(r.facts().asOf());
        for (NetworkFacts.TerminalFact t : r.facts().terminals()) {
            csv.row(e.id(), r.id(), r.kind().name(), Integer.toString(r.number()), asOf, t.id(), t.site(), t.region(), Boolean.toString(t.critical()),
                    t.hub(), t.beam(), t.state(), t.reason(), t.lastSeen() == null ? "" : f.format(t.lastSeen()),
                    t.esNo() == null ? "" : String.format(Locale.ROOT, "%.2f", t.esNo()), t.rxLevel() == null ? "" : String.format(Locale.ROOT, "%.2f", t.rxLevel()));
        }
        return csv.toString();
    }

    public static String html(Emergency e, StatusReport r, ZoneId zone) {
        return HtmlView.render(ReportLayout.of(e, r, zone), e.id() + " " + r.id());
    }

    public static byte[] pdf(Emergency e, StatusReport r, ZoneId zone) {
        return PdfRenderer.render(ReportLayout.of(e, r, zone), "EmComm VSAT · " + e.id() + " " + r.id() + " · " + r.kind().en());
    }
}
