package org.emcomm.vsat.document;

import java.util.List;

/** A layout as an HTML print view (A4, labels in Chinese and English). */
public final class HtmlView {
    private HtmlView() {}

    /** The view's one style block. It stays inline so a saved view keeps its layout; the service's
     * Content-Security-Policy lets in exactly this block by its hash ({@link #STYLE_HASH}). The print button's
     * script is a file (/console/print.js): no inline script. */
    static final String STYLE = "\n"
            + "@page { size: A4; margin: 14mm; }\n"
            + "@font-face { font-family: 'EmComm CJK'; src: url('/console/font/cjk.ttf') format('truetype'); }\n"
            + "body { font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', 'EmComm CJK', sans-serif; font-size: 10pt; color: #111; }\n"
            + ".heading { display: flex; justify-content: space-between; border-bottom: 1px solid #333; font-weight: bold; }\n"
            + "h1, .number { text-align: center; } .note { font-size: 9pt; } .sign dd { border-bottom: 1px solid #333; min-height: 1.4em; }\n"
            + "h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 14pt; page-break-after: avoid; }\n"
            + "table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; }\n"
            + "th { background: #eee; } thead { display: table-header-group; } tr { page-break-inside: avoid; }\n"
            + "dl { display: grid; grid-template-columns: 16em 1fr; gap: 2px 8px; } dt { font-weight: bold; } dd { margin: 0; white-space: pre-wrap; }\n"
            + ".DOWN { color: #b00; font-weight: bold; } .DEGRADED { color: #a60; } .UNKNOWN { color: #666; }\n"
            + "@media print { .noprint { display: none; } }\n";

    /** {@code 'sha256-…'} of {@link #STYLE}, for a Content-Security-Policy's style-src. */
    public static final String STYLE_HASH = "'sha256-" + java.util.Base64.getEncoder().encodeToString(sha256(STYLE)) + "'";

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String render(Layout l, String subtitle) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").append(esc(l.title())).append(" ")
                .append(esc(subtitle)).append("</title>\n<style>")
                .append(STYLE).append("</style><script src=\"/console/print.js\" defer></script></head><body>\n")
                .append("<p class=\"noprint\"><button id=\"print\" type=\"button\">打印 Print</button></p>\n")
                .append(heading(l.heading()))
                .append("<h1>").append(esc(l.title())).append("</h1>\n")
                .append(l.heading() != null && l.heading().number() != null ? "<p class=\"number\">" + esc(l.heading().number()) + "</p>\n" : "")
                .append("<dl>\n");
        for (Layout.Field f : l.fields()) {
            b.append("<dt>").append(esc(f.label().both())).append("</dt><dd>").append(esc(f.value())).append("</dd>\n");
        }
        b.append("</dl>\n");
        for (Layout.Table t : l.tables()) {
            b.append("<h2>").append(esc(t.title().both())).append(t.rows().isEmpty() ? "" : " (" + t.rows().size() + ")").append("</h2>\n");
            if (t.rows().isEmpty()) {
                b.append("<p>").append(esc(t.empty().both())).append("</p>\n");
                continue;
            }
            b.append("<table><thead><tr>");
            for (Layout.Label c : t.columns()) b.append("<th>").append(esc(c.zh())).append("<br>").append(esc(c.en())).append("</th>");
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
            if (t.note() != null) b.append("<p class=\"note\">").append(esc(t.note().both())).append("</p>\n");
        }
        if (!l.signature().isEmpty()) {
            b.append("<h2>签发 Signatures</h2>\n<dl class=\"sign\">\n");
            for (Layout.Field f : l.signature()) b.append("<dt>").append(esc(f.label().both())).append("</dt><dd>").append(esc(f.value())).append("</dd>\n");
            b.append("</dl>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String heading(Layout.Heading h) {
        if (h == null) return "";
        return "<div class=\"heading\"><span>" + esc(h.organisation()) + "</span><span>" + esc(h.classification()) + "</span></div>\n";
    }

    public static String esc(String s) {
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
