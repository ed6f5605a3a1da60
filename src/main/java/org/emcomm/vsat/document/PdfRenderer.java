package org.emcomm.vsat.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a {@link Layout} as an A4 PDF. ASCII is set in Helvetica; everything else in WenQuanYi Micro Hei,
 * embedded as a subset, so the text reads the same on any machine and extracts as text. A character the
 * font lacks is drawn from Helvetica when WinAnsi has it, else as its compatibility form (NFKC: a
 * full-width letter as the letter, a ligature as its letters), else as its code point "[U+1F600]": never as
 * a question mark, and each such character is logged once per document.
 */
public final class PdfRenderer {
    public static final String FONT = "/fonts/WenQuanYiMicroHei.ttf";
    private static final float MARGIN = 40, WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    /** Lines a table cell may wrap to before it is cut with an ellipsis. */
    private static final int CELL_LINES = 8;
    private static volatile byte[] fontBytes;

    private final PDDocument doc;
    private final PDFont latin = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont latinBold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDFont cjk;
    private final CmapLookup cjkMap;
    private PDPageContentStream out;
    private float y;
    private int pages;
    private final String footer;

    private PdfRenderer(PDDocument doc, String footer) throws IOException {
        this.doc = doc;
        this.footer = footer;
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font()));
        this.cjkMap = ttf.getUnicodeCmapLookup();
        this.cjk = PDType0Font.load(doc, ttf, true);
    }

    public static byte[] render(Layout layout, String footer) {
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(layout.title());
            info.setCreator("EmComm VSAT");
            PdfRenderer pdf = new PdfRenderer(doc, footer);
            pdf.write(layout);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF not rendered", e);
        }
    }

    private static byte[] font() throws IOException {
        byte[] b = fontBytes;
        if (b == null) {
            try (InputStream in = PdfRenderer.class.getResourceAsStream(FONT)) {
                if (in == null) throw new IOException("font " + FONT + " is missing from the build");
                b = in.readAllBytes();
            }
            fontBytes = b;
        }
        return b;
    }

    private void write(Layout layout) throws IOException {
        newPage();
        Layout.Heading h = layout.heading();
        if (h != null) {
            if (h.organisation() != null) text(MARGIN, y, h.organisation(), 10, true);
            if (h.classification() != null) {
                String c = h.classification();
                text(MARGIN + WIDTH - width(c, 10), y, c, 10, true);
            }
            y -= 16;
            out.moveTo(MARGIN, y + 4);
            out.lineTo(MARGIN + WIDTH, y + 4);
            out.stroke();
            y -= 16;
        }
        text(MARGIN + (WIDTH - width(layout.title(), 16)) / 2, y, layout.title(), 16, true);
        y -= 20;
        if (h != null && h.number() != null) {
            text(MARGIN + (WIDTH - width(h.number(), 10)) / 2, y, h.number(), 10, false);
            y -= 16;
        }
        y -= 8;
        for (Layout.Field f : layout.fields()) {
            List<String> lines = wrap(f.value(), 9, WIDTH - 190);
            need(12f * lines.size() + 2);
            text(MARGIN, y, f.label().both(), 9, true);
            for (String line : lines) {
                text(MARGIN + 190, y, line, 9, false);
                y -= 12;
            }
            y -= 2;
        }
        for (Layout.Table t : layout.tables()) table(t);
        if (!layout.signature().isEmpty()) signature(layout.signature());
        out.close();
        if (!substituted.isEmpty()) {
            io.quarkus.logging.Log.warnf("PDF '%s': %d character(s) not in the embedded font were drawn as substitutes: %s", layout.title(),
                    substituted.size(), substituted.stream().map(cp -> String.format("U+%04X", cp)).toList());
        }
    }

    /** Lines to sign on: each label with its name (or a blank line to write one in). */
    private void signature(List<Layout.Field> fields) throws IOException {
        y -= 16;
        need(28f * fields.size() + 20);
        text(MARGIN, y, "签发 Signatures", 11, true);
        y -= 24;
        for (Layout.Field f : fields) {
            text(MARGIN, y, f.label().both(), 9, true);
            String v = f.value() == null || f.value().isBlank() ? "" : f.value();
            text(MARGIN + 190, y, v, 9, false);
            out.moveTo(MARGIN + 190, y - 3);
            out.lineTo(MARGIN + WIDTH - 120, y - 3);
            out.stroke();
            text(MARGIN + WIDTH - 110, y, "日期 Date ________", 9, false);
            y -= 28;
        }
    }

    private void table(Layout.Table t) throws IOException {
        y -= 8;
        need(40);
        text(MARGIN, y, t.title().both() + (t.rows().isEmpty() ? "" : " (" + t.rows().size() + ")"), 11, true);
        y -= 16;
        if (t.rows().isEmpty()) {
            text(MARGIN, y, t.empty().both(), 9, false);
            y -= 14;
            return;
        }
        float[] x = columns(t.widths());
        header(t, x);
        for (List<String> row : t.rows()) {
            // each cell wraps within its column, up to CELL_LINES lines; the row keeps its lines on one page
            List<List<String>> cells = new ArrayList<>(row.size());
            int lines = 1;
            for (int i = 0; i < row.size(); i++) {
                float w = x[i + 1] - x[i] - 4;
                List<String> wrapped = wrap(row.get(i) == null ? "" : row.get(i), 7, w);
                if (wrapped.size() > CELL_LINES) {
                    wrapped = new ArrayList<>(wrapped.subList(0, CELL_LINES));
                    wrapped.set(CELL_LINES - 1, fit(wrapped.get(CELL_LINES - 1) + "…", 7, w));
                }
                cells.add(wrapped);
                lines = Math.max(lines, wrapped.size());
            }
            if (y - 9f * lines < MARGIN + 14) {
                newPage();
                header(t, x);
            }
            for (int i = 0; i < cells.size(); i++) {
                for (int l = 0; l < cells.get(i).size(); l++) text(x[i], y - 9f * l, cells.get(i).get(l), 7, false);
            }
            y -= 9f * lines + 1;
        }
        if (t.note() != null) {
            need(14);
            y -= 4;
            text(MARGIN, y, t.note().both(), 8, false);
            y -= 12;
        }
    }

    private void header(Layout.Table t, float[] x) throws IOException {
        for (int i = 0; i < t.columns().size(); i++) {
            text(x[i], y, fit(t.columns().get(i).zh(), 7, x[i + 1] - x[i] - 4), 7, true);
            text(x[i], y - 9, fit(t.columns().get(i).en(), 7, x[i + 1] - x[i] - 4), 7, true);
        }
        out.moveTo(MARGIN, y - 12);
        out.lineTo(MARGIN + WIDTH, y - 12);
        out.stroke();
        y -= 22;
    }

    private static float[] columns(double[] widths) {
        double sum = 0;
        for (double w : widths) sum += w;
        float[] x = new float[widths.length + 1];
        x[0] = MARGIN;
        for (int i = 0; i < widths.length; i++) x[i + 1] = x[i] + (float) (widths[i] / sum * WIDTH);
        return x;
    }

    private void need(float height) throws IOException {
        if (y - height < MARGIN + 14) newPage();
    }

    private void newPage() throws IOException {
        if (out != null) out.close();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        pages++;
        out = new PDPageContentStream(doc, page);
        out.setLineWidth(0.5f);
        y = PDRectangle.A4.getHeight() - MARGIN;
        text(MARGIN, MARGIN - 18, footer + " · " + pages, 7, false);
    }

    /** Sets a line in runs: ASCII in Helvetica, everything else in the CJK font (or a substitute, see the class). */
    private void text(float x, float atY, String s, float size, boolean bold) throws IOException {
        for (Run r : runs(s)) {
            PDFont f = r.latin ? (bold ? latinBold : latin) : cjk;
            out.beginText();
            out.setFont(f, size);
            out.newLineAtOffset(x, atY);
            out.showText(r.text);
            out.endText();
            x += f.getStringWidth(r.text) / 1000 * size;
        }
    }

    private record Run(String text, boolean latin) {}

    /** Code points drawn as substitutes in this document. */
    private final java.util.Set<Integer> substituted = new java.util.TreeSet<>();

    private List<Run> runs(String s) {
        List<Run> runs = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        Boolean curLatin = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\t' || cp == '\r') cp = ' ';
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT) continue; // invisible: zero-width joiners, bidi marks
            for (Glyph g : glyphs(cp)) {
                if (curLatin != null && curLatin != g.latin()) {
                    runs.add(new Run(cur.toString(), curLatin));
                    cur.setLength(0);
                }
                curLatin = g.latin();
                cur.append(g.text());
            }
        }
        if (!cur.isEmpty()) runs.add(new Run(cur.toString(), curLatin));
        return runs;
    }

    private record Glyph(String text, boolean latin) {}

    /** How one code point is drawn: itself in one of the fonts, or a substitute (its NFKC form, else "[U+XXXX]"). */
    private List<Glyph> glyphs(int cp) {
        Glyph g = glyph(cp);
        if (g != null) return List.of(g);
        substituted.add(cp);
        String compat = java.text.Normalizer.normalize(new String(Character.toChars(cp)), java.text.Normalizer.Form.NFKC);
        List<Glyph> out = new ArrayList<>();
        if (!compat.equals(new String(Character.toChars(cp)))) {
            for (int j = 0; j < compat.length(); ) {
                int c = compat.codePointAt(j);
                j += Character.charCount(c);
                Glyph x = glyph(c);
                if (x == null) {
                    out.clear();
                    break;
                }
                out.add(x);
            }
            if (!out.isEmpty()) return out;
        }
        return List.of(new Glyph(String.format("[U+%04X]", cp), true));
    }

    /** The code point in Helvetica (ASCII, or WinAnsi punctuation the CJK font lacks) or in the CJK font; null when in neither. */
    private Glyph glyph(int cp) {
        String ch = new String(Character.toChars(cp));
        if (cp >= 0x20 && cp < 0x7f) return new Glyph(ch, true);
        if (cjkMap.getGlyphId(cp) != 0) return new Glyph(ch, false);
        if (winAnsi(cp)) return new Glyph(ch, true);
        return null;
    }

    /** Helvetica's WinAnsi encoding has the character. */
    private static boolean winAnsi(int cp) {
        String name = org.apache.pdfbox.pdmodel.font.encoding.GlyphList.getAdobeGlyphList().codePointToName(cp);
        return name != null && !".notdef".equals(name) && org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding.INSTANCE.contains(name);
    }

    private float width(String s, float size) throws IOException {
        float w = 0;
        for (Run r : runs(s)) w += (r.latin ? latin : cjk).getStringWidth(r.text) / 1000 * size;
        return w;
    }

    private String fit(String s, float size, float max) throws IOException {
        if (width(s, size) <= max) return s;
        String cut = s;
        while (!cut.isEmpty() && width(cut + "…", size) > max) cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        return cut + "…";
    }

    /** Lines of at most {@code max} points: Latin text breaks at spaces, Chinese between any two characters. */
    private List<String> wrap(String s, float size, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String para : s.split("\n", -1)) {
            if (width(para, size) <= max) {
                lines.add(para);
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < para.length(); ) {
                int cp = para.codePointAt(i);
                i += Character.charCount(cp);
                line.appendCodePoint(cp);
                if (width(line.toString(), size) > max) {
                    int space = line.lastIndexOf(" ");
                    int last = line.length() - Character.charCount(cp);
                    if (space > 0 && cp < 0x7f) {
                        lines.add(line.substring(0, space));
                        line.delete(0, space + 1);
                    } else if (last > 0) {
                        lines.add(line.substring(0, last));
                        line.delete(0, last);
                    }
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
