package org.emcomm.vsat.emergency;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A status report as CSV (one row per terminal), as an HTML print view, and as PDF. */
public final class ReportExports {
    private ReportExports() {}

    static final List<String> CSV_COLUMNS = List.of("emergency", "report", "kind", "number", "as_of", "terminal", "site", "region", "critical",
            "hub", "beam", "state", "reason", "last_seen", "es_no_db", "rx_level_dbm");

    /** RFC 4180 CSV: the report's columns repeated on each terminal row, critical terminals first. */
    public static String csv(Emergency e, StatusReport r, ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        StringBuilder b = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        String asOf = f.format(r.facts().asOf());
        for (NetworkFacts.TerminalFact t : r.facts().terminals()) {
            row(b, e.id(), r.id(), r.kind().name(), Integer.toString(r.number()), asOf, t.id(), t.site(), t.region(), Boolean.toString(t.critical()),
                    t.hub(), t.beam(), t.state(), t.reason(), t.lastSeen() == null ? "" : f.format(t.lastSeen()),
                    t.esNo() == null ? "" : String.format(Locale.ROOT, "%.2f", t.esNo()), t.rxLevel() == null ? "" : String.format(Locale.ROOT, "%.2f", t.rxLevel()));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) b.append(',');
            String c = cells[i] == null ? "" : cells[i];
            // a cell starting like a formula is quoted and prefixed so spreadsheets do not run it
            if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+(\\.\\d+)?")) c = "'" + c;
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) c = '"' + c.replace("\"", "\"\"") + '"';
            b.append(c);
        }
        b.append("\r\n");
    }

    public static String html(Emergency e, StatusReport r, ZoneId zone) {
        ReportLayout l = ReportLayout.of(e, r, zone);
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").append(esc(l.title())).append(" ")
                .append(esc(e.id())).append(" ").append(esc(r.id())).append("</title>\n<style>\n")
                .append("@page { size: A4; margin: 14mm; }\n")
                .append("body { font-family: 'Noto Sans CJK SC', 'Droid Sans Fallback', 'Microsoft YaHei', sans-serif; font-size: 10pt; color: #111; }\n")
                .append("h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 14pt; page-break-after: avoid; }\n")
                .append("table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; }\n")
                .append("th { background: #eee; } thead { display: table-header-group; } tr { page-break-inside: avoid; }\n")
                .append("dl { display: grid; grid-template-columns: 16em 1fr; gap: 2px 8px; } dt { font-weight: bold; } dd { margin: 0; white-space: pre-wrap; }\n")
                .append(".DOWN { color: #b00; font-weight: bold; } .DEGRADED { color: #a60; } .UNKNOWN { color: #666; }\n")
                .append("@media print { .noprint { display: none; } }\n</style></head><body>\n")
                .append("<p class=\"noprint\"><button onclick=\"window.print()\">打印 Print</button></p>\n")
                .append("<h1>").append(esc(l.title())).append("</h1>\n<dl>\n");
        for (ReportLayout.Field f : l.fields()) {
            b.append("<dt>").append(esc(f.label().both())).append("</dt><dd>").append(esc(f.value())).append("</dd>\n");
        }
        b.append("</dl>\n");
        for (ReportLayout.Table t : l.tables()) {
            b.append("<h2>").append(esc(t.title().both())).append(t.rows().isEmpty() ? "" : " (" + t.rows().size() + ")").append("</h2>\n");
            if (t.rows().isEmpty()) {
                b.append("<p>").append(esc(t.empty().both())).append("</p>\n");
                continue;
            }
            b.append("<table><thead><tr>");
            for (ReportLayout.Label c : t.columns()) b.append("<th>").append(esc(c.zh())).append("<br>").append(esc(c.en())).append("</th>");
            b.append("</tr></thead><tbody>\n");
            for (List<String> row : t.rows()) {
                b.append("<tr>");
                for (String cell : row) {
                    String cls = cell.endsWith(" DOWN") ? "DOWN" : cell.endsWith(" DEGRADED") ? "DEGRADED" : cell.endsWith(" UNKNOWN") ? "UNKNOWN" : null;
                    b.append(cls == null ? "<td>" : "<td class=\"" + cls + "\">").append(esc(cell)).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    public static byte[] pdf(Emergency e, StatusReport r, ZoneId zone) {
        return ReportPdf.render(ReportLayout.of(e, r, zone), "EmComm VSAT · " + e.id() + " " + r.id() + " · " + r.kind().en());
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
