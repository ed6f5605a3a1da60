package org.emcomm.vsat.emergency;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emcomm.vsat.document.Layout;
import org.emcomm.vsat.document.Layout.Field;
import org.emcomm.vsat.document.Layout.Label;
import org.emcomm.vsat.document.Layout.Table;

/**
 * A status report laid out once for people, with Chinese and English labels: header fields, then
 * tables (critical terminals first). The HTML print view and the PDF both render this layout.
 */
final class ReportLayout {
    private ReportLayout() {}

    static final Label TITLE = new Label("通信网络运行情况报告", "Network Status Report");

    static Layout of(Emergency e, StatusReport r, ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT).withZone(zone);
        NetworkFacts facts = r.facts();
        NetworkFacts.Counts c = facts.counts();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(new Label("报告类型", "Report type"), r.kind().zh() + " " + r.kind().en() + " · 第 " + r.number() + " 号 No. " + r.number()));
        fields.add(new Field(new Label("报告状态", "Status"), r.status() == StatusReport.Status.SUBMITTED ? "已报送 Submitted" : "草稿 Draft"));
        fields.add(new Field(new Label("截至时间", "As of"), time(f, facts.asOf())));
        fields.add(new Field(new Label("突发事件", "Emergency"), e.id() + " " + e.title()));
        fields.add(new Field(new Label("事件类型", "Type"), e.type().zh() + " " + e.type().name().toLowerCase(Locale.ROOT)));
        fields.add(new Field(new Label("影响区域", "Area"), String.join(", ", e.regions())));
        fields.add(new Field(new Label("发生时间", "Onset"), time(f, e.onsetAt())));
        fields.add(new Field(new Label("宣布时间", "Declared at"), time(f, e.declaredAt())));
        fields.add(new Field(new Label("报送时限", "Report due"), time(f, e.clock().dueAt())));
        fields.add(new Field(new Label("报送时间", "Submitted at"), r.submittedAt() == null ? "—" : time(f, r.submittedAt())));
        fields.add(new Field(new Label("终端总数", "Total terminals"), Integer.toString(c.total())));
        fields.add(new Field(new Label("在线", "Online"), Integer.toString(c.online())));
        fields.add(new Field(new Label("性能下降", "Degraded"), Integer.toString(c.degraded())));
        fields.add(new Field(new Label("离线", "Offline"), Integer.toString(c.offline())));
        fields.add(new Field(new Label("状态未知", "Unknown"), Integer.toString(c.unknown())));
        fields.add(new Field(new Label("重要终端", "Critical terminals"), c.critical() + " (离线 offline " + c.criticalOffline() + ")"));
        NetworkFacts.Poll p = facts.poll();
        fields.add(new Field(new Label("实时轮询", "Fresh poll"), p.polled() + " polled, " + p.answered() + " answered in " + p.millis() + " ms"
                + (p.complete() ? "" : " (not finished: unanswered terminals shown with their last known state)")));
        StatusReport.Narrative n = r.narrative();
        fields.add(new Field(new Label("情况概述", "Summary"), text(n.summary())));
        fields.add(new Field(new Label("采取措施", "Actions taken"), text(n.actionsTaken())));
        fields.add(new Field(new Label("预计恢复", "Restoration estimate"), text(n.restorationEstimate())));
        fields.add(new Field(new Label("下次报告", "Next update"), n.nextUpdateAt() == null ? "—" : time(f, n.nextUpdateAt())));
        fields.add(new Field(new Label("填报人", "Prepared by"), n.preparedBy() != null ? n.preparedBy() : text(r.draftedBy())));
        fields.add(new Field(new Label("审核人", "Approved by"), text(r.approvedBy())));

        List<Table> tables = new ArrayList<>();
        List<List<String>> critical = new ArrayList<>(), others = new ArrayList<>();
        for (NetworkFacts.TerminalFact t : facts.terminals()) {
            List<String> row = List.of(t.id(), t.site(), t.regionName() == null ? t.region() : t.regionName(), Layout.terminalState(t.state()),
                    t.lastSeen() == null ? "—" : time(f, t.lastSeen()), num(t.esNo()), num(t.rxLevel()), text(t.reason()));
            (t.critical() ? critical : others).add(row);
        }
        List<Label> terminalColumns = List.of(new Label("终端", "Terminal"), new Label("站点", "Site"), new Label("区域", "Region"),
                new Label("状态", "State"), new Label("最后在线", "Last seen"), new Label("Es/No", "dB"), new Label("接收电平", "Rx dBm"),
                new Label("原因", "Reason"));
        double[] tw = {1.1, 1.6, 1.0, 0.8, 1.5, 0.5, 0.6, 1.6};
        Label none = new Label("区域内没有终端", "No terminals in this area");
        tables.add(new Table(new Label("重要终端（指挥所）", "Critical terminals (command posts)"), terminalColumns, tw, critical,
                c.total() == 0 ? none : new Label("区域内没有重要终端", "No critical terminals in this area")));
        tables.add(new Table(new Label("其他终端", "Other terminals"), terminalColumns, tw, others, none));
        tables.add(new Table(new Label("主站", "Hubs"), List.of(new Label("主站", "Hub"), new Label("名称", "Name"), new Label("状态", "State"),
                new Label("终端", "Terminals"), new Label("离线", "Offline")), new double[]{1, 2, 1, 1, 1},
                facts.hubs().stream().map(h -> List.of(h.id(), h.name(), h.state(), Integer.toString(h.terminals()), Integer.toString(h.offline()))).toList(),
                new Label("无", "None")));
        tables.add(new Table(new Label("波束与转发器", "Beams and transponders"), List.of(new Label("波束", "Beam"), new Label("卫星", "Satellite"),
                new Label("转发器", "Transponder"), new Label("状态", "State"), new Label("终端", "Terminals"), new Label("离线", "Offline")),
                new double[]{1, 1, 1, 1, 1, 1},
                facts.beams().stream().map(b -> List.of(b.id(), text(b.satellite()), text(b.transponder()), b.state(), Integer.toString(b.terminals()),
                        Integer.toString(b.offline()))).toList(), new Label("无", "None")));
        tables.add(new Table(new Label("未结事件", "Open incidents"), List.of(new Label("编号", "Id"), new Label("事件", "Incident"),
                new Label("级别", "Level"), new Label("重大", "Major"), new Label("状态", "Status"), new Label("发生", "Opened")),
                new double[]{1, 3, 0.6, 0.6, 1.1, 1.6},
                facts.incidents().stream().map(i -> List.of(i.id(), i.title(), i.level(), i.major() ? "是 yes" : "否 no", i.status(), time(f, i.openedAt()))).toList(),
                new Label("区域内无未结事件", "No open incidents in this area")));
        tables.add(new Table(new Label("保障任务", "Support tasks"), List.of(new Label("编号", "Id"), new Label("任务", "Task"),
                new Label("队伍", "Team"), new Label("状态", "Status"), new Label("期限", "Due")), new double[]{1, 3, 1.4, 1, 1.6},
                facts.tasks().stream().map(t -> List.of(t.id(), t.title(), text(t.team()), t.status(), t.dueAt() == null ? "—" : time(f, t.dueAt()))).toList(),
                new Label("尚无保障任务", "No support tasks yet")));
        return new Layout(TITLE.both(), fields, tables);
    }

    private static String time(DateTimeFormatter f, Instant i) { return i == null ? "—" : f.format(i); }

    private static String num(Double d) { return d == null ? "—" : String.format(Locale.ROOT, "%.1f", d); }

    private static String text(String s) { return s == null || s.isBlank() ? "—" : s; }
}
