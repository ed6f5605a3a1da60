package org.emcomm.vsat.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Function;
import org.emcomm.vsat.document.Csv;
import org.emcomm.vsat.document.Layout;
import org.emcomm.vsat.document.Layout.Field;
import org.emcomm.vsat.document.Layout.Label;
import org.emcomm.vsat.document.Layout.Table;
import org.emcomm.vsat.document.PdfRenderer;

/**
 * The period report a reviewer files: the self-evaluation table, the evidence index and the integrity digest.
 * The digest is SHA-256 over {@code canonical(content) + "\n" + headSeq + ":" + headHash}, where the canonical
 * form is the content's JSON with keys sorted at every level, no whitespace, UTF-8, and the head is the journal's
 * hash-chain head when the report was generated. The same content gives the same digest in JSON, CSV and PDF.
 */
public final class ComplianceReport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String DIGEST_OF = "SHA-256(canonical(content) + \"\\n\" + journalHead.seq + \":\" + journalHead.hash)";

    /** One record behind a number: which indicator, the record's id, its time, what it is. */
    public record Evidence(String indicator, String id, Instant time, String what) {}

    /** A report built: its id, content, canonical form and digest, and the journal head it names. */
    public record Built(String id, ObjectNode content, String canonical, String digest, long headSeq, String headHash) {}

    private ComplianceReport() {}

    static Built build(String id, ComplianceService.Period p, Scoring.Result r, Function<String, ComplianceBook.Deviation> deviation,
                       List<Evidence> evidence, ZoneId zone, Instant now, String by, long headSeq, String headHash) {
        ObjectNode c = JSON.createObjectNode();
        c.putObject("title").put("zh", TITLE.zh()).put("en", TITLE.en());
        c.putObject("period").put("from", time(p.from(), zone)).put("to", time(p.to(), zone));
        c.put("zone", zone.getId());
        c.put("generatedAt", time(now, zone));
        c.put("generatedBy", by);
        ArrayNode rows = c.putArray("indicators");
        for (Scoring.Line l : r.lines()) {
            Indicator i = l.indicator();
            ObjectNode n = rows.addObject();
            n.put("id", i.id());
            n.putObject("level1").put("zh", l.level1().zh()).put("en", l.level1().en());
            n.putObject("level2").put("zh", l.level2().zh()).put("en", l.level2().en());
            n.put("zh", i.zh()).put("en", i.en()).put("direction", i.direction().name()).put("unit", i.unit());
            n.put("target", i.target());
            if (i.actual() == null) n.putNull("actual");
            else n.put("actual", Math.round(i.actual() * 1_000_000) / 1_000_000.0);
            n.put("status", i.status().name());
            n.put("weight", l.weight());
            if (l.score() == null) n.putNull("score");
            else n.put("score", l.score());
            n.put("records", i.recordIds().size());
            ComplianceBook.Deviation d = deviation.apply(i.id());
            if (d == null) n.putNull("deviation");
            else n.putObject("deviation").put("cause", d.cause()).put("measures", d.measures()).put("by", d.by()).put("at", time(d.at(), zone));
            n.put("deviationMissing", d == null && notMet(l));
        }
        c.put("total", r.total());
        c.put("maxTotal", r.max());
        c.put("percent", r.percent());
        c.putObject("grade").put("zh", r.grade().zh()).put("en", r.grade().en());
        ArrayNode ev = c.putArray("evidence");
        for (Evidence e : evidence) {
            ObjectNode n = ev.addObject().put("indicator", e.indicator()).put("id", e.id());
            if (e.time() == null) n.putNull("time");
            else n.put("time", time(e.time(), zone));
            n.put("what", e.what());
        }
        String canonical = canonical(c);
        return new Built(id, c, canonical, digest(canonical, headSeq, headHash), headSeq, headHash);
    }

    /** An indicator not met: missed, at risk, or scored below its weight. */
    static boolean notMet(Scoring.Line l) {
        Indicator.Status s = l.indicator().status();
        return s == Indicator.Status.MISSED || s == Indicator.Status.AT_RISK || (l.scored() && l.score() < l.weight());
    }

    // ---- integrity ----------------------------------------------------------------------------

    /** Keys sorted at every level, no whitespace. */
    public static String canonical(JsonNode n) {
        try {
            return JSON.writeValueAsString(sorted(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            TreeMap<String, JsonNode> m = new TreeMap<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                m.put(k, sorted(n.get(k)));
            }
            ObjectNode o = JSON.createObjectNode();
            m.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JSON.createArrayNode();
            n.forEach(x -> a.add(sorted(x)));
            return a;
        }
        return n;
    }

    public static String digest(String canonical, long headSeq, String headHash) {
        return sha256((canonical + "\n" + headSeq + ":" + headHash).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- formats ------------------------------------------------------------------------------

    static byte[] json(Built b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("report", b.id());
        n.set("content", b.content());
        ObjectNode i = n.putObject("integrity");
        i.put("algorithm", "SHA-256").put("digestOf", DIGEST_OF);
        i.putObject("journalHead").put("seq", b.headSeq()).put("hash", b.headHash());
        i.put("digest", b.digest());
        try {
            return PRETTY.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static final List<String> CSV_COLUMNS = List.of("section", "indicator", "level1", "level2", "name_zh", "name_en", "target", "actual", "unit",
            "status", "weight", "score", "deviation_cause", "deviation_measures", "record_id", "record_time", "record_what");

    /** One header, rows by section: indicator, total, evidence, integrity. */
    static byte[] csv(Built b) {
        Csv csv = new Csv(CSV_COLUMNS);
        JsonNode c = b.content();
        for (JsonNode n : c.path("indicators")) {
            JsonNode d = n.path("deviation");
            csv.row("indicator", n.path("id").asText(), n.path("level1").path("zh").asText() + " " + n.path("level1").path("en").asText(),
                    n.path("level2").path("zh").asText() + " " + n.path("level2").path("en").asText(), n.path("zh").asText(), n.path("en").asText(),
                    raw(n.path("target")), raw(n.path("actual")), n.path("unit").asText(), n.path("status").asText(), raw(n.path("weight")),
                    raw(n.path("score")), d.path("cause").asText(""), d.path("measures").asText(""), "", "", "");
        }
        csv.row("total", "", "", "", "总分 " + c.path("grade").path("zh").asText(), "Total, grade " + c.path("grade").path("en").asText(), num(c.path("maxTotal")),
                num(c.path("total")), "points", "", "", num(c.path("percent")), "", "", "", "", "");
        for (JsonNode e : c.path("evidence")) {
            csv.row("evidence", e.path("indicator").asText(), "", "", "", "", "", "", "", "", "", "", "", "", e.path("id").asText(),
                    e.path("time").asText(""), e.path("what").asText());
        }
        csv.row("integrity", "report", "", "", "", "", "", "", "", "", "", "", "", "", b.id(), c.path("generatedAt").asText(), "");
        csv.row("integrity", "journal_head", "", "", "", "", "", "", "", "", "", "", "", "", Long.toString(b.headSeq()), "", b.headHash());
        csv.row("integrity", "digest", "", "", "", "", "", "", "", "", "", "", "", "", "SHA-256", "", b.digest());
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static final Label TITLE = new Label("应急通信保障绩效自评报告", "Performance Self-Evaluation");

    static byte[] pdf(Built b) {
        return PdfRenderer.render(layout(b), "EmComm VSAT · " + b.id() + " · SHA-256 " + b.digest().substring(0, 16) + "…");
    }

    static Layout layout(Built b) {
        JsonNode c = b.content();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(new Label("报告编号", "Report"), b.id()));
        fields.add(new Field(new Label("评价期间", "Period"), shown(c.path("period").path("from").asText()) + " – " + shown(c.path("period").path("to").asText())
                + " (" + c.path("zone").asText() + ")"));
        fields.add(new Field(new Label("生成", "Generated"), shown(c.path("generatedAt").asText()) + " · " + c.path("generatedBy").asText()));
        fields.add(new Field(new Label("总分", "Total score"), num(c.path("total")) + " / " + num(c.path("maxTotal")) + " = " + num(c.path("percent"))
                + " · 等级 grade " + c.path("grade").path("zh").asText() + " " + c.path("grade").path("en").asText()));
        fields.add(new Field(new Label("日志链头", "Journal head"), "seq " + b.headSeq() + "\n" + b.headHash()));
        fields.add(new Field(new Label("完整性摘要", "Integrity digest"), "SHA-256\n" + b.digest()));
        fields.add(new Field(new Label("核验", "Verify"), "POST /api/compliance/report/verify（上传本文件 upload this file）"));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode n : c.path("indicators")) {
            JsonNode d = n.path("deviation");
            String dev = d.isObject() ? "原因 cause: " + d.path("cause").asText() + "\n措施 measures: " + d.path("measures").asText()
                    : n.path("deviationMissing").asBoolean() ? "待填写 to be written" : "—";
            rows.add(List.of(n.path("level1").path("zh").asText() + "\n" + n.path("level1").path("en").asText(),
                    n.path("level2").path("zh").asText() + "\n" + n.path("level2").path("en").asText(),
                    n.path("zh").asText() + "\n" + n.path("en").asText(), value(n.path("target"), n.path("unit").asText(), n.path("direction").asText()),
                    value(n.path("actual"), n.path("unit").asText(), null), num(n.path("weight")), n.path("score").isNull() ? "不计分 not scored" : num(n.path("score")),
                    status(n.path("status").asText()), dev));
        }
        Table table = new Table(new Label("自评表", "Self-evaluation"), List.of(new Label("一级指标", "Level 1"), new Label("二级指标", "Level 2"),
                new Label("三级指标", "Indicator"), new Label("指标值", "Target"), new Label("实际完成值", "Actual"), new Label("分值", "Weight"),
                new Label("得分", "Score"), new Label("状态", "Status"), new Label("偏差原因及改进措施", "Deviation cause and measures")),
                new double[] {1.1, 1.2, 2.2, 1.1, 1.1, 0.7, 0.9, 1.1, 2.6}, rows, new Label("无指标", "No indicators"));
        List<List<String>> ev = new ArrayList<>();
        for (JsonNode e : c.path("evidence")) {
            ev.add(List.of(e.path("indicator").asText(), e.path("id").asText(), e.path("time").isNull() ? "—" : shown(e.path("time").asText()),
                    e.path("what").asText()));
        }
        Table evidence = new Table(new Label("证据索引", "Evidence index"), List.of(new Label("指标", "Indicator"), new Label("记录", "Record"),
                new Label("时间", "Time"), new Label("内容", "What")), new double[] {1.6, 1.2, 1.6, 4.6}, ev, new Label("无记录", "No records"));
        return new Layout(TITLE.both(), fields, List.of(table, evidence));
    }

    private static String status(String s) {
        return switch (s) {
            case "MET" -> "达成 MET";
            case "ON_TRACK" -> "进展正常 ON TRACK";
            case "AT_RISK" -> "有风险 AT RISK";
            case "MISSED" -> "未达成 MISSED";
            default -> s;
        };
    }

    private static String value(JsonNode v, String unit, String direction) {
        if (v.isNull() || v.isMissingNode()) return "—";
        String op = direction == null ? "" : direction.equals("AT_MOST") ? "<= " : ">= "; // the fonts lack ≤ and ≥
        if (unit.equals("share")) return op + String.format(Locale.ROOT, "%.2f %%", v.asDouble() * 100);
        return op + num(v) + " " + unit;
    }

    private static String num(JsonNode v) {
        if (v.isNull() || v.isMissingNode()) return "";
        double d = v.asDouble();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d).replaceAll("0$", "");
    }

    private static String raw(JsonNode v) { return v.isNull() || v.isMissingNode() ? "" : v.asText(); }

    private static String shown(String iso) {
        if (iso == null || iso.isEmpty()) return "—";
        return OffsetDateTime.parse(iso).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT));
    }

    static String time(Instant t, ZoneId zone) { return OffsetDateTime.ofInstant(t, zone).toString(); }
}
