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
 * Renders a {@link Layout} as an A4 PDF. Latin text is set in Helvetica; Chinese in Droid Sans
 * Fallback, embedded as a subset, so the labels read the same on any machine and extract as text.
 */
public final class PdfRenderer {
    public static final String FONT = "/fonts/DroidSansFallbackFull.ttf";
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
        text(MARGIN, y, layout.title(), 16, true);
        y -= 28;
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
        out.close();
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

    /** Sets a line in runs: Latin characters in Helvetica, everything else in the CJK font. */
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

    private List<Run> runs(String s) {
        List<Run> runs = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        Boolean curLatin = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean lat = cp >= 0x20 && cp < 0x7f || cjkMap.getGlyphId(cp) == 0 && winAnsi(cp);
            String ch;
            if (lat) ch = new String(Character.toChars(cp));
            else if (cjkMap.getGlyphId(cp) != 0) ch = new String(Character.toChars(cp));
            else if (cp == '\n' || cp == '\t' || cp == '\r') { ch = " "; lat = true; }
            else { ch = "?"; lat = true; }
            if (curLatin != null && curLatin != lat) {
                runs.add(new Run(cur.toString(), curLatin));
                cur.setLength(0);
            }
            curLatin = lat;
            cur.append(ch);
        }
        if (!cur.isEmpty()) runs.add(new Run(cur.toString(), curLatin));
        return runs;
    }

    /** Helvetica (WinAnsi) has the punctuation the CJK font lacks: — · … ° */
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
        while (!cut.isEmpty() && width(cut + "…", size) > max) cut = cut.substring(0, cut.length() - 1);
        return cut + "…";
    }

    private List<String> wrap(String s, float size, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String para : s.split("\n", -1)) {
            if (width(para, size) <= max) {
                lines.add(para);
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < para.length(); i++) {
                line.append(para.charAt(i));
                if (width(line.toString(), size) > max) {
                    int space = line.lastIndexOf(" ");
                    if (space > 0 && para.charAt(i) < 0x7f) {
                        lines.add(line.substring(0, space));
                        line.delete(0, space + 1);
                    } else {
                        lines.add(line.substring(0, line.length() - 1));
                        line.delete(0, line.length() - 1);
                    }
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
