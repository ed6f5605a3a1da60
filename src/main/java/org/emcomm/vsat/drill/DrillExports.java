package org.emcomm.vsat.drill;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.emcomm.vsat.document.Csv;
import org.emcomm.vsat.document.HtmlView;
import org.emcomm.vsat.document.Layout;
import org.emcomm.vsat.document.Layout.Field;
import org.emcomm.vsat.document.Layout.Label;
import org.emcomm.vsat.document.Layout.Table;
import org.emcomm.vsat.document.PdfRenderer;

/** The year's drill log as CSV, and one drill's record as an after-action report (PDF, HTML) in Chinese and English. */
public final class DrillExports {
    private DrillExports() {}

    static final List<String> LOG_COLUMNS = List.of("drill", "code_name", "title", "type", "scope", "purpose", "status", "counts_toward_target",
            "planned_start", "planned_end", "actual_start", "actual_end", "organiser", "co_organisers", "location", "simulated_level", "regions",
            "terminals", "terminals_verified", "terminals_never_up", "objectives", "ratings", "corrective_actions", "open_actions",
            "overdue_actions", "attachments", "cancel_reason");

    /** RFC 4180 CSV, one row per drill, in id order. */
    public static String log(List<Drill> drills, ZoneId zone, Instant now) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT).withZone(zone);
        Csv csv = new Csv(LOG_COLUMNS);
        for (Drill d : drills) {
            csv.row(d.id(), d.codeName(), d.title(), d.type().name(), d.scope() == null ? "" : d.scope().name(), d.purpose().name(), d.status().name(),
                    Boolean.toString(d.status() == Drill.Status.COMPLETED), time(f, d.plannedStart()), time(f, d.plannedEnd()), time(f, d.actualStart()),
                    time(f, d.actualEnd()), d.organiser(), String.join("; ", d.coOrganisers()), d.location(),
                    d.simulatedLevel() == null ? "" : d.simulatedLevel().name(), String.join(" ", d.regions()), Integer.toString(d.terminals().size()),
                    d.actualStart() == null ? "" : Integer.toString(d.verification().verified()),
                    d.actualStart() == null ? "" : String.join(" ", d.verification().neverUp()),
                    d.objectives().stream().map(o -> o.id() + ": " + o.text()).collect(Collectors.joining("; ")),
                    d.ratings().stream().map(r -> r.objective() + "=" + r.rating().code()).collect(Collectors.joining(" ")),
                    Integer.toString(d.actions().size()), Long.toString(d.actions().stream().filter(Drill.CorrectiveAction::open).count()),
                    Long.toString(d.actions().stream().filter(a -> a.overdue(now)).count()), Integer.toString(d.attachments().size()), d.cancelReason());
        }
        return csv.toString();
    }

    public static byte[] pdf(Drill d, ZoneId zone, Instant now) {
        return PdfRenderer.render(layout(d, zone, now), "EmComm VSAT · " + d.id() + " " + d.codeName() + " · " + d.status().name().toLowerCase(Locale.ROOT));
    }

    public static String html(Drill d, ZoneId zone, Instant now) { return HtmlView.render(layout(d, zone, now), d.id()); }

    static final Label TITLE = new Label("应急通信保障演练报告", "Drill After-Action Report");

    static Layout layout(Drill d, ZoneId zone, Instant now) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT).withZone(zone);
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(new Label("演练编号", "Drill"), d.id()));
        fields.add(new Field(new Label("演练代号", "Code name"), d.codeName() + (d.title() == null ? "" : " · " + d.title())));
        fields.add(new Field(new Label("状态", "Status"), status(d.status()) + (d.status() == Drill.Status.COMPLETED ? " · 计入年度指标 counts toward the yearly target" : "")));
        fields.add(new Field(new Label("演练形式", "Type"), d.type().zh() + " " + words(d.type().name())
                + (d.scope() == null ? "" : " · " + d.scope().zh() + " " + words(d.scope().name()))));
        fields.add(new Field(new Label("演练目的", "Purpose"), d.purpose().zh() + " " + words(d.purpose().name())));
        fields.add(new Field(new Label("组织单位", "Organiser"), d.organiser() + (d.coOrganisers().isEmpty() ? "" : "；协办 co-organisers: " + String.join(", ", d.coOrganisers()))));
        fields.add(new Field(new Label("计划时间", "Planned"), time(f, d.plannedStart()) + " – " + time(f, d.plannedEnd())));
        fields.add(new Field(new Label("实际时间", "Actual"), time(f, d.actualStart()) + " – " + time(f, d.actualEnd())));
        fields.add(new Field(new Label("地点", "Location"), text(d.location())));
        fields.add(new Field(new Label("模拟响应级别", "Simulated response level"), d.simulatedLevel() == null ? "—" : d.simulatedLevel().name()));
        fields.add(new Field(new Label("演练场景", "Scenario"), text(d.scenario())));
        fields.add(new Field(new Label("演练科目", "Subjects"), d.subjects().isEmpty() ? "—" : String.join("\n", d.subjects())));
        Drill.Resources r = d.resources();
        fields.add(new Field(new Label("投入资源", "Resources"), r == null ? "—" : "人员 people " + num(r.people()) + " · 车辆 vehicles " + num(r.vehicles())
                + " · 卫星资源 satellite capacity " + text(r.satelliteCapacity()) + (r.notes() == null ? "" : "\n" + r.notes())));
        fields.add(new Field(new Label("区域", "Regions"), d.regions().isEmpty() ? "—" : String.join(", ", d.regions())));
        fields.add(new Field(new Label("终端实时验证", "Live verification"), verification(d)));
        if (d.status() == Drill.Status.CANCELLED) fields.add(new Field(new Label("取消原因", "Cancelled because"), text(d.cancelReason())));
        fields.add(new Field(new Label("总结", "Summary"), text(d.summary())));
        fields.add(new Field(new Label("优点", "Strengths"), list(d.strengths())));
        fields.add(new Field(new Label("待改进", "Areas for improvement"), list(d.improvements())));
        fields.add(new Field(new Label("签发", "Sign-off"), d.signOff() == null ? "未签发 not signed off"
                : d.signOff().name() + (d.signOff().role() == null ? "" : "（" + d.signOff().role() + "）") + " " + time(f, d.signOff().at())));

        List<Table> tables = new ArrayList<>();
        tables.add(new Table(new Label("演练目标与评价", "Objectives and ratings"), List.of(new Label("目标", "Objective"), new Label("内容", "Text"),
                new Label("评价", "Rating"), new Label("说明", "Notes")), new double[]{0.5, 2.6, 2.6, 2.2},
                d.objectives().stream().map(o -> {
                    Drill.ObjectiveRating rt = d.ratings().stream().filter(x -> x.objective().equals(o.id())).findFirst().orElse(null);
                    return List.of(o.id(), o.text(), rt == null ? "—" : rt.rating().code() + " " + rt.rating().zh() + " " + rt.rating().en(),
                            rt == null ? "—" : text(rt.notes()));
                }).toList(), new Label("无", "None")));
        tables.add(new Table(new Label("参演人员", "Participants"), List.of(new Label("单位", "Organisation"), new Label("角色", "Role"),
                new Label("姓名", "Name"), new Label("人数", "Count")), new double[]{3, 1.4, 2, 0.8},
                d.participants().stream().map(p -> List.of(p.organisation(), p.role().zh() + " " + words(p.role().name()), text(p.name()),
                        num(p.count()))).toList(), new Label("无", "None")));
        tables.add(new Table(new Label("终端验证结果", "Terminals verified live"), List.of(new Label("终端", "Terminal"), new Label("站点", "Site"),
                new Label("区域", "Region"), new Label("应答", "Answered"), new Label("状态", "State"), new Label("Es/No", "dB"),
                new Label("首次在线", "First UP"), new Label("验证", "Verified")), new double[]{1.1, 1.8, 0.8, 0.7, 1.1, 0.5, 1.6, 0.8},
                d.verification().terminals().stream().map(c -> List.of(c.terminal(), text(c.site()), text(c.region()),
                        c.answered() == null ? "—" : c.answered() ? "是 yes" : "否 no", Layout.terminalState(c.state()),
                        c.esNo() == null ? "—" : String.format(Locale.ROOT, "%.1f", c.esNo()), time(f, c.firstUpAt()),
                        c.verified() ? "是 yes" : "否 no")).toList(), new Label("本次演练无终端", "No terminals in this drill")));
        tables.add(new Table(new Label("演练过程", "Timeline: injects and observations"), List.of(new Label("序号", "No."), new Label("时间", "Time"),
                new Label("类别", "Kind"), new Label("内容", "Content"), new Label("预期", "Expected"), new Label("实际", "Observed"),
                new Label("目标", "Objective")), new double[]{0.4, 1.4, 0.9, 2.4, 1.6, 1.6, 0.6},
                d.timeline().stream().map(e -> List.of(Integer.toString(e.n()), time(f, e.at()), kind(e.kind()), e.content(), text(e.expectedAction()),
                        text(e.observedAction()), text(e.objective()))).toList(), new Label("无记录", "Nothing logged")));
        tables.add(new Table(new Label("整改措施", "Corrective actions"), List.of(new Label("编号", "Id"), new Label("措施", "Action"),
                new Label("责任人", "Owner"), new Label("期限", "Due"), new Label("状态", "Status"), new Label("说明", "Note")),
                new double[]{0.6, 2.6, 1.2, 1.4, 1.4, 1.8},
                d.actions().stream().map(a -> List.of(a.id(), a.title(), a.owner(), time(f, a.dueAt()),
                        a.status().name() + (a.overdue(now) ? " · 逾期 OVERDUE " + a.overdueDays(now) + " d" : ""), text(a.note()))).toList(),
                new Label("无整改措施", "No corrective actions")));
        tables.add(new Table(new Label("附件", "Attachments"), List.of(new Label("编号", "Id"), new Label("类别", "Kind"), new Label("文件名", "File"),
                new Label("大小", "Bytes"), new Label("SHA-256", "digest")), new double[]{0.5, 1.2, 2.4, 0.9, 3.6},
                d.attachments().stream().map(a -> List.of(a.id(), a.kind().zh() + " " + words(a.kind().name()), a.name(), Long.toString(a.size()),
                        a.sha256())).toList(), new Label("无附件", "No attachments")));
        return new Layout(TITLE.both(), fields, tables);
    }

    private static String verification(Drill d) {
        Drill.Verification v = d.verification();
        StringBuilder b = new StringBuilder();
        if (v.total() == 0) return "本次演练无终端 " + v.result();
        if (d.actualStart() == null) return "待演练开始后验证 " + v.result();
        b.append(v.verified()).append(" / ").append(v.total()).append(" 终端开始后上线 ").append(v.result());
        for (Drill.Round r : v.rounds()) {
            b.append(String.format(Locale.ROOT, "\n第 %d 轮 round %d (%s): %d polled, %d answered, %d up, %d ms%s", r.n(), r.n(),
                    r.trigger().name().toLowerCase(Locale.ROOT).replace('_', '-'), r.polled(), r.answered(), r.up(), r.millis(), r.complete() ? "" : ", not finished"));
        }
        return b.toString();
    }

    private static String status(Drill.Status s) {
        return switch (s) {
            case PLANNED -> "计划 PLANNED";
            case IN_PROGRESS -> "进行中 IN PROGRESS";
            case COMPLETED -> "已完成 COMPLETED";
            case CANCELLED -> "已取消 CANCELLED";
        };
    }

    private static String kind(DrillKinds.EntryKind k) {
        return switch (k) {
            case INJECT -> "注入 inject";
            case OBSERVATION -> "观察 observation";
            case NOTE -> "备注 note";
        };
    }

    private static String words(String name) { return name.toLowerCase(Locale.ROOT).replace('_', ' '); }

    private static String list(List<String> items) {
        if (items.isEmpty()) return "—";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < items.size(); i++) b.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(items.get(i));
        return b.toString();
    }

    private static String time(DateTimeFormatter f, Instant i) { return i == null ? "—" : f.format(i); }

    private static String num(Integer n) { return n == null ? "—" : n.toString(); }

    private static String text(String s) { return s == null || s.isBlank() ? "—" : s; }
}
