package org.emcomm.vsat.document;

import java.util.List;

/** RFC 4180 CSV with CRLF line ends; a cell that starts like a spreadsheet formula is neutralised. */
public final class Csv {
    private final StringBuilder b = new StringBuilder();

    public Csv(List<String> header) { row(header.toArray(String[]::new)); }

    public Csv row(String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) b.append(',');
            String c = cells[i] == null ? "" : cells[i];
            // a cell starting like a formula is prefixed so spreadsheets do not run it
            if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+(\\.\\d+)?")) c = "'" + c;
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) c = '"' + c.replace("\"", "\"\"") + '"';
            b.append(c);
        }
        b.append("\r\n");
        return this;
    }

    @Override
    public String toString() { return b.toString(); }
}
