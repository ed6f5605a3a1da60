package org.emcomm.vsat.document;

import java.util.List;

/**
 * A document laid out once for people, with Chinese and English labels: a title, header fields, then
 * tables. The PDF renderer and the HTML print view both render a layout; features only build one.
 */
public record Layout(String title, List<Field> fields, List<Table> tables) {

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

    /** {@code widths}: relative column widths; {@code empty}: what to say when there are no rows. */
    public record Table(Label title, List<Label> columns, double[] widths, List<List<String>> rows, Label empty) {}
}
