package org.emcomm.vsat.document;

import java.util.List;

/**
 * A document laid out once for people, with Chinese and English labels: an optional heading (issuing organisation,
 * document number, classification), a title, header fields, tables, and an optional signature block. The PDF
 * renderer and the HTML print view both render a layout; features only build one.
 */
public record Layout(Heading heading, String title, List<Field> fields, List<Table> tables, List<Field> signature) {

    public Layout(String title, List<Field> fields, List<Table> tables) { this(null, title, fields, tables, List.of()); }

    /** What an official document carries above its title. */
    public record Heading(String organisation, String number, String classification) {}

    public record Label(String zh, String en) {
        public String both() { return zh + " " + en; }
    }

    public record Field(Label label, String value) {}

    /** A terminal state as people read it: "在线 UP", "离线 DOWN", …; "—" when unknown to the record. */
    public static String terminalState(String s) {
        if (s == null) return "—";
        return switch (s) {
            case "UP" -> "在线 UP";
            case "DEGRADED" -> "下降 DEGRADED";
            case "DOWN" -> "离线 DOWN";
            default -> "未知 UNKNOWN";
        };
    }

    /** {@code widths}: relative column widths; {@code empty}: what to say when there are no rows; {@code note}: a line under the rows. */
    public record Table(Label title, List<Label> columns, double[] widths, List<List<String>> rows, Label empty, Label note) {
        public Table(Label title, List<Label> columns, double[] widths, List<List<String>> rows, Label empty) {
            this(title, columns, widths, rows, empty, null);
        }
    }
}
