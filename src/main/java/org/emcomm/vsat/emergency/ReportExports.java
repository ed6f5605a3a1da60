package org.emcomm.vsat.emergency;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.document.Csv;
import org.emcomm.vsat.document.HtmlView;
import org.emcomm.vsat.document.PdfRenderer;

/** A status report as CSV (one row per terminal), as an HTML print view, and as PDF. */
public final class ReportExports {
    private ReportExports() {}

    static final List<String> CSV_COLUMNS = List.of("emergency", "report", "kind", "number", "as_of", "terminal", "site", "region", "region_name",
            "prefecture", "critical", "hub", "beam", "state", "reported", "fresh_poll", "reason", "reason_zh", "last_seen", "es_no_db", "rx_level_dbm");

    /** How a document is asked for: the authority's settings, whether to list every terminal, and region names. */
    public record Options(EmcommConfig.Emergencies.Report report, Boolean annex, Function<String, String> regionNames) {}

    /** RFC 4180 CSV: the report's columns repeated on each terminal row, critical terminals first; times to the second. */
    public static String csv(Emergency e, StatusReport r, ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        Csv csv = new Csv(CSV_COLUMNS);
        String asOf = f.format(r.facts().asOf().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        for (NetworkFacts.TerminalFact t : r.facts().terminals()) {
            csv.row(e.id(), r.id(), r.kind().name(), Integer.toString(r.number()), asOf, t.id(), t.site(), t.region(), nz(t.regionName()),
                    nz(t.prefectureName()), Boolean.toString(t.critical()), t.hub(), t.beam(), t.state(), ReportLayout.reported(t).name(), nz(t.freshPoll()),
                    nz(t.reason()), nz(t.reasonZh()), t.lastSeen() == null ? "" : f.format(t.lastSeen().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                    t.esNo() == null ? "" : String.format(Locale.ROOT, "%.2f", t.esNo()), t.rxLevel() == null ? "" : String.format(Locale.ROOT, "%.2f", t.rxLevel()));
        }
        return csv.toString();
    }

    public static String html(Emergency e, StatusReport r, ZoneId zone, Options o) {
        return HtmlView.render(ReportLayout.of(e, r, zone, settings(r, o), o.regionNames()), e.id() + " " + r.id());
    }

    public static byte[] pdf(Emergency e, StatusReport r, ZoneId zone, Options o) {
        return PdfRenderer.render(ReportLayout.of(e, r, zone, settings(r, o), o.regionNames()), "EmComm VSAT · " + e.id() + " " + r.id() + " · " + r.kind().en());
    }

    /** Every terminal in the annex up to the configured count, unless the caller says otherwise. */
    private static ReportLayout.Settings settings(StatusReport r, Options o) {
        var c = o.report();
        boolean annex = o.annex() != null ? o.annex() : r.facts().terminals().size() <= c.annexMaxTerminals();
        return new ReportLayout.Settings(c.organisation(), c.documentNumber(), c.classification(), annex);
    }

    private static String nz(String s) { return s == null ? "" : s; }
}
